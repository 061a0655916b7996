#!/bin/sh
# Compares the CSV and JSON files of two `scaling-laws demo` output folders
# (e.g. written before and after a refactoring) byte for byte, apart from the
# version and the wall-clock `seconds` field. Usage: scripts/compare_demo.sh DIR_A DIR_B
set -eu
a=$1 b=$2
normalize() {
  sed -E -e 's/"version": ?"[^"]*"/"version": "VERSION"/g' -e 's/^# scaling-laws .*/# scaling-laws VERSION/' \
         -e 's/"seconds": ?-?[0-9.eE+-]+/"seconds": 0/g' "$1"
}
status=0 count=0
for file in "$a"/*.csv "$a"/*.json; do
  name=$(basename "$file")
  count=$((count + 1))
  if [ ! -f "$b/$name" ]; then echo "missing in $b: $name"; status=1; continue; fi
  if ! normalize "$file" | cmp -s - /dev/fd/3 3<<EOF_B
$(normalize "$b/$name")
EOF_B
  then echo "differs: $name"; status=1; fi
done
[ "$(ls "$b"/*.csv "$b"/*.json | wc -l)" -eq "$count" ] || { echo "$b has other files than $a"; status=1; }
[ $status -eq 0 ] && echo "compare_demo: $count CSV and JSON files identical (apart from version and seconds)"
exit $status
