#!/usr/bin/env bash
# Promotes every received snapshot to verified, after you have reviewed the diffs the failing tests printed.
set -euo pipefail
cd "$(dirname "$0")/.."
found=0
while IFS= read -r -d '' received; do
  verified="${received/.received./.verified.}"
  mv "$received" "$verified"
  echo "accepted ${verified#./}"
  found=1
done < <(find tests -name '*.received.*' -print0)
[ "$found" -eq 1 ] || echo "no received snapshots"
