#!/usr/bin/env bash
# A short libFuzzer run of the IMAP command reader, part of the test suite when
# clang is installed (tests/CMakeLists.txt). Builds the target straight from the
# few sources it needs, so the suite need not build all of Cachet a second time
# with clang. Usage: run_short.sh SOURCE_DIR WORK_DIR SECONDS
set -euo pipefail
src=$1
work=$2
seconds=${3:-60}
mkdir -p "$work/corpus"
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$src/core" \
  "$src/tests/fuzz/fuzz_imap_command_reader.cpp" \
  "$src/core/imap/CommandReader.cpp" "$src/core/imap/ArgumentParser.cpp" "$src/core/imap/ImapArg.cpp" "$src/core/imap/FetchItems.cpp" "$src/core/imap/SequenceSet.cpp" \
  "$src/core/text/AsciiText.cpp" \
  -o "$work/fuzz_imap_command_reader"
# Seeds: commands as mail programs send them, so the run starts inside the grammar.
printf 'a1 UID FETCH 1:*,7 (FLAGS BODY.PEEK[1.2.HEADER.FIELDS (From To)]<0.100> MODSEQ)\r\n' > "$work/corpus/fetch"
printf 'a2 APPEND "INBOX" (\\Seen) {5+}\r\nhello\r\na3 LOGIN {3}\r\nbob "pa\\"ss"\r\n' > "$work/corpus/append"
printf 'a4 SEARCH CHARSET UTF-8 OR (FROM x) NOT (SUBJECT {3}\r\nabc) UID 1:5\r\n' > "$work/corpus/search"
# -rss_limit_mb bounds memory like the bridge's own limits; a crash or leak fails the test.
ASAN_OPTIONS=detect_leaks=1 "$work/fuzz_imap_command_reader" -max_total_time="$seconds" -rss_limit_mb=1024 \
  -timeout=10 -print_final_stats=1 "$work/corpus" 2>&1 | tail -15
