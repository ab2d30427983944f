#!/bin/sh
# run.sh: the fuzz test of make check: each target's driver build
# (sanitizers, deterministic mutations of its seeds), then, when clang's
# libFuzzer is there, a short coverage-guided run of the same target.
# "make fuzz FUZZ_SECONDS=600" runs libFuzzer longer (for each target).
#   fuzz_form       the form engine, partners' receipts and the stored
#                   arguments of timeline events; seeds: the declarative
#                   form cases, tests/fuzz/receipt and tests/fuzz/evmsg
#   fuzz_multipart  multipart/form-data bodies; seeds: tests/fuzz/multipart
set -eu
: "${top_srcdir:?}" "${top_builddir:?}"
fuzz="$top_builddir/tests/fuzz"
"$fuzz/fuzz_form_driver" "$top_srcdir/forms/tests/cases" "${FUZZ_ROUNDS:-3000}"
"$fuzz/fuzz_form_driver" "$top_srcdir/tests/fuzz/receipt" "${FUZZ_ROUNDS:-3000}"
"$fuzz/fuzz_form_driver" "$top_srcdir/tests/fuzz/evmsg" "${FUZZ_ROUNDS:-3000}"
"$fuzz/fuzz_multipart_driver" "$top_srcdir/tests/fuzz/multipart" \
	"${FUZZ_ROUNDS:-3000}" .body

# libfuzz TARGET MAX_LEN SEED_DIR
libfuzz() {
	[ -x "$fuzz/$1" ] || return 0
	corpus=$(mktemp -d)
	"$fuzz/$1" -max_total_time="${FUZZ_SECONDS:-10}" \
		-max_len="$2" -timeout=10 -print_final_stats=0 \
		"$corpus" "$3" 2>"$corpus.log" || {
		tail -n 60 "$corpus.log" >&2
		rm -rf "$corpus"
		exit 1
	}
	printf '%s: ' "$1"
	grep -E '^#[0-9]+.*(DONE|pulse)' "$corpus.log" | tail -n 1 || echo
	rm -rf "$corpus" "$corpus.log"
}
libfuzz fuzz_form 16384 "$top_srcdir/forms/tests/cases"
libfuzz fuzz_multipart 65536 "$top_srcdir/tests/fuzz/multipart"
