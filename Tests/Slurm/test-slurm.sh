#!/usr/bin/env bash
# `make test-slurm`: a single-node Slurm started on this machine runs the two
# scripts of Docs/slurm as Docs/Cluster.md shows them (sizes made small through
# SCALING_LAWS_RUN); the merged job-array result and the MPI result must each
# equal one process's output apart from `seconds`. Skipped, with a line that
# says so, where Slurm or munge is not installed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$root/.build/${CONFIG:-release}
for tool in munged slurmctld slurmd sbatch srun squeue scontrol; do
  command -v "$tool" >/dev/null || { echo "test-slurm: skipped ($tool is not installed: apt-get install slurm-wlm munge)"; exit 0; }
done
for program in scaling-laws scaling-laws-mpi; do
  [ -x "$bin/$program" ] || { echo "test-slurm: $bin/$program is missing (build it first)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/scaling-laws-slurm.XXXXXX)
# shellcheck source=Tests/Slurm/single-node-slurm.sh
source "$root/Tests/Slurm/single-node-slurm.sh"
trap 'stop_slurm; rm -rf "$work"' EXIT
# Unconnected MPI ranks (a wrong PMI plugin) would each write the whole output,
# so mpi/result.json would hold it twice: the comparison below catches that.
start_slurm "$work/slurm"
echo "test-slurm: single-node Slurm up (slurmctld, slurmd, munged: pids ${slurm_pids[*]})"

export PATH="$bin:$PATH"
# mpirun is not involved (srun starts the ranks), but OpenMPI checks these as root too.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export SCALING_LAWS_RUN='--alpha 1 --M 200 --N 60 --P 80 --gamma 1e-3 --trials 12 --seed 3'

# The commands of Docs/Cluster.md, with the resources made to fit this machine.
mkdir "$work/array" "$work/mpi"
cd "$work/array"
jobid=$(sbatch --parsable --array=1-4 --cpus-per-task=1 --mem=500M "$root/Docs/slurm/simulate-array.sh")
merge=$(sbatch --parsable --dependency=afterok:"$jobid" --kill-on-invalid-dep=yes --mem=500M \
  --wrap 'scaling-laws merge shards/shard-*.json > result.json')
cd "$work/mpi"
mpi=$(sbatch --parsable --nodes=1 --ntasks-per-node=2 --mem=1G "$root/Docs/slurm/simulate-mpi.sh")
cd "$work"

# Wait for all three jobs (the array's tasks included) to leave the queue.
deadline=$((SECONDS + 300))
while [ -n "$(squeue -h -o %i)" ]; do
  [ "$SECONDS" -lt "$deadline" ] || { echo "test-slurm: jobs still queued after 300 s:"; squeue; exit 1; }
  sleep 1
done

state() { scontrol show job "$1" | grep -o 'JobState=[A-Z_]*' | sort -u | tr '\n' ' '; }
failed=0
for job in "$jobid" "$merge" "$mpi"; do
  s=$(state "$job")
  echo "test-slurm: job $job: $s"
  [ "$s" = "JobState=COMPLETED " ] || failed=1
done
if [ "$failed" = 1 ]; then
  tail -n 20 "$work"/array/*.log "$work"/mpi/*.log 2>/dev/null || true
  exit 1
fi

# shellcheck disable=SC2086 # a list of flags
scaling-laws simulate $SCALING_LAWS_RUN --format json > one.json
untimed() { sed -E 's/"seconds": [^,}]*, //g' "$1"; }
for result in array/result.json mpi/result.json; do
  if ! diff <(untimed one.json) <(untimed "$result") > /dev/null; then
    echo "test-slurm: $result differs from one process's output:"
    diff <(untimed one.json) <(untimed "$result") | head -20
    exit 1
  fi
done
echo "test-slurm: the job array's 4 merged shards and srun --mpi=pmix's 2 ranks each equal one process"
echo "test-slurm: 2 passed, 0 failed"
