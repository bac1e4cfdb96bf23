#!/usr/bin/env bash
# Short libFuzzer runs of the IMAP readers, the bridge's command reader and the
# sync client's response reader, half the time each, then the Autocrypt header
# reader; part of the test suite when clang is installed (tests/CMakeLists.txt).
# Builds the targets straight from the few sources they need, so the suite need
# not build all of Cachet a second time with clang.
# Usage: run_short.sh SOURCE_DIR WORK_DIR SECONDS [AUTOCRYPT_SECONDS]
set -euo pipefail
src=$1
work=$2
seconds=${3:-60}
autocrypt_seconds=${4:-20}
each=$(( seconds / 2 ))
mkdir -p "$work/commands" "$work/responses" "$work/autocrypt"
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I"$src/core")
grammar=("$src/core/imap/ArgumentParser.cpp" "$src/core/imap/ImapArg.cpp" "$src/core/imap/SequenceSet.cpp"
         "$src/core/text/AsciiText.cpp")

clang++ "${flags[@]}" "$src/tests/fuzz/fuzz_imap_command_reader.cpp" \
  "$src/core/imap/CommandReader.cpp" "$src/core/imap/FetchItems.cpp" "${grammar[@]}" \
  -o "$work/fuzz_imap_command_reader"
# The response readers use Qt for dates and mailbox names: Qt needs -fPIC.
# shellcheck disable=SC2046
clang++ "${flags[@]}" -fPIC $(pkg-config --cflags Qt6Core) "$src/tests/fuzz/fuzz_imap_response_reader.cpp" \
  "$src/core/imap/ResponseReader.cpp" "$src/core/imap/FetchResponse.cpp" "$src/core/imap/ListResponse.cpp" \
  "$src/core/imap/StatusResponse.cpp" "$src/core/imap/SearchResponse.cpp" "$src/core/imap/VanishedResponse.cpp" \
  "$src/core/imap/Capabilities.cpp" "$src/core/imap/ResponseCodes.cpp" "$src/core/imap/DateTime.cpp" \
  "$src/core/imap/MailboxNameCodec.cpp" "${grammar[@]}" $(pkg-config --libs Qt6Core) \
  -o "$work/fuzz_imap_response_reader"

# Seeds: what mail programs send, and what servers answer, so each run starts inside the grammar.
printf 'a1 UID FETCH 1:*,7 (FLAGS BODY.PEEK[1.2.HEADER.FIELDS (From To)]<0.100> MODSEQ)\r\n' > "$work/commands/fetch"
printf 'a2 APPEND "INBOX" (\\Seen) {5+}\r\nhello\r\na3 LOGIN {3}\r\nbob "pa\\"ss"\r\n' > "$work/commands/append"
printf 'a4 SEARCH CHARSET UTF-8 OR (FROM x) NOT (SUBJECT {3}\r\nabc) UID 1:5\r\n' > "$work/commands/search"
printf '* 3 FETCH (UID 7 FLAGS (\\Seen $Work) INTERNALDATE " 7-Feb-2024 13:05:09 +0100" RFC822.SIZE 5 MODSEQ (9) BODY[HEADER.FIELDS (SUBJECT)] {5}\r\nhello BODY[]<0> NIL ENVELOPE (NIL "s" NIL NIL NIL NIL NIL NIL NIL NIL))\r\n' > "$work/responses/fetch"
printf '* LIST (\\HasNoChildren \\Sent) "." &AMk-t&AOk- ("CHILDINFO" ("SUBSCRIBED"))\r\n* STATUS INBOX (MESSAGES 3 UIDNEXT 4 HIGHESTMODSEQ 8)\r\n* LSUB () NIL {3}\r\nabc\r\n' > "$work/responses/list"
printf '* OK [PERMANENTFLAGS (\\Seen \\*)] x\r\na1 OK [COPYUID 5 1:3 7:9] done\r\na2 OK [APPENDUID 5 9]\r\n* OK [HIGHESTMODSEQ 12]\r\n+ go\r\n* ESEARCH (TAG "a3") UID ALL 1:3,5 COUNT 4\r\n* SEARCH 1 2 (MODSEQ 4)\r\n* VANISHED (EARLIER) 1:2\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n* BYE\r\n' > "$work/responses/codes"

# -rss_limit_mb bounds memory like the readers' own limits; a crash or leak fails the test.
for target in command:commands response:responses; do
  name=fuzz_imap_${target%%:*}_reader
  ASAN_OPTIONS=detect_leaks=1 "$work/$name" -max_total_time="$each" -rss_limit_mb=1024 \
    -timeout=10 -print_final_stats=1 "$work/${target##*:}" 2>&1 | tail -15
done

# The Autocrypt header reader (core/crypto/AutocryptHeader, OpenPgpPackets), with Qt for base64.
# shellcheck disable=SC2046
clang++ "${flags[@]}" -fPIC $(pkg-config --cflags Qt6Core) "$src/tests/fuzz/fuzz_autocrypt_header.cpp" \
  "$src/core/crypto/AutocryptHeader.cpp" "$src/core/crypto/OpenPgpPackets.cpp" "$src/core/text/AsciiText.cpp" \
  $(pkg-config --libs Qt6Core) -o "$work/fuzz_autocrypt_header"
# Seeds: the header values of the Autocrypt examples beside the repository, when there.
for eml in "$src"/../shared/corpus/autocrypt/example-*.eml; do
  [ -f "$eml" ] || continue
  awk '/^Autocrypt(-Gossip)?:/ {on=1; n++; sub(/^[^:]*:/, ""); print > (out "-" n); next}
       /^[ \t]/ && on {print > (out "-" n); next} {on=0}' out="$work/autocrypt/$(basename "$eml")" "$eml"
done
printf 'addr=a@b.example; prefer-encrypt=mutual; _x=1; keydata=mDMEXEcE6RYJKwYBBAHaRw8BAQdA' > "$work/autocrypt/short"
ASAN_OPTIONS=detect_leaks=1 "$work/fuzz_autocrypt_header" -max_total_time="$autocrypt_seconds" -rss_limit_mb=1024 \
  -timeout=10 -print_final_stats=1 "$work/autocrypt" 2>&1 | tail -15
