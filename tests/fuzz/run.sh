#!/bin/sh
# run.sh: the fuzz test of make check: the driver build (sanitizers,
# deterministic mutations of the declarative form cases), then, when
# clang's libFuzzer is there, a short coverage-guided run of the same
# target. "make fuzz FUZZ_SECONDS=600" runs libFuzzer longer.
set -eu
: "${top_srcdir:?}" "${top_builddir:?}"
"$top_builddir/tests/fuzz/fuzz_form_driver" "$top_srcdir/forms/tests/cases" \
	"${FUZZ_ROUNDS:-3000}"
if [ -x "$top_builddir/tests/fuzz/fuzz_form" ]; then
	corpus=$(mktemp -d)
	trap 'rm -rf "$corpus"' EXIT
	"$top_builddir/tests/fuzz/fuzz_form" -max_total_time="${FUZZ_SECONDS:-10}" \
		-max_len=16384 -timeout=10 -print_final_stats=0 \
		"$corpus" "$top_srcdir/forms/tests/cases" 2>"$corpus.log" || {
		tail -n 60 "$corpus.log" >&2
		exit 1
	}
	grep -E '^#[0-9]+.*(DONE|pulse)' "$corpus.log" | tail -n 1 || true
	rm -f "$corpus.log"
fi
