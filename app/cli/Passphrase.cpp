#include "Passphrase.h"

#include "CliError.h"

#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace cachet::cli {

namespace {

constexpr std::size_t kMaxPassphrase = 4096;

// One line from `fd`, without its line end; bounded.
std::string readLineFromFd(int fd)
{
    std::string line;
    char c = 0;
    while (line.size() <= kMaxPassphrase) {
        const ssize_t n = ::read(fd, &c, 1);
        if (n <= 0 || c == '\n')
            break;
        line.push_back(c);
    }
    if (line.size() > kMaxPassphrase)
        throw CliError("the passphrase is longer than " + std::to_string(kMaxPassphrase) + " bytes");
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return line;
}

std::string promptOnTerminal(const char* prompt)
{
    const int tty = STDIN_FILENO;
    std::fprintf(stderr, "%s", prompt);
    std::fflush(stderr);
    termios old{};
    const bool haveTermios = tcgetattr(tty, &old) == 0;
    if (haveTermios) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    std::string line = readLineFromFd(tty);
    if (haveTermios)
        tcsetattr(tty, TCSAFLUSH, &old);
    std::fprintf(stderr, "\n");
    return line;
}

} // namespace

Passphrase::~Passphrase()
{
    sodium_memzero(m_value.data(), m_value.size());
}

Passphrase readPassphrase(const PassphraseSource& source)
{
    if (source.fd) {
        Passphrase p(readLineFromFd(*source.fd));
        if (p.value().empty())
            throw CliError("no passphrase on file descriptor " + std::to_string(*source.fd));
        return p;
    }
    if (const char* env = std::getenv(source.envName); env && *env)
        return Passphrase(env);
    if (!isatty(STDIN_FILENO))
        throw CliError(std::string("a passphrase is needed: give --passphrase-fd N, set ") + source.envName
                       + ", or run on a terminal");
    Passphrase first(promptOnTerminal(source.prompt));
    if (first.value().empty())
        throw CliError("the passphrase must not be empty");
    if (source.confirm) {
        Passphrase again(promptOnTerminal("Repeat the passphrase: "));
        if (again.value() != first.value())
            throw CliError("the two passphrases differ");
    }
    return first;
}

} // namespace cachet::cli
