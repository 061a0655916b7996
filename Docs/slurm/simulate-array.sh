#!/bin/bash
# Slurm job array: one shard of the trials per array task, merged afterwards
# (see Docs/Cluster.md):
#   jobid=$(sbatch --parsable Docs/slurm/simulate-array.sh)
#   sbatch --dependency=afterok:$jobid --kill-on-invalid-dep=yes --wrap 'scaling-laws merge shards/shard-*.json > result.json'
# Logs go to the submit directory: Slurm opens --output before the script
# runs, so a log folder would have to exist already.
#SBATCH --job-name=scaling-laws
#SBATCH --array=1-64
#SBATCH --cpus-per-task=4
#SBATCH --mem=48G
#SBATCH --time=01:00:00
#SBATCH --output=scaling-laws-%A_%a.log
set -euo pipefail
# The run; SCALING_LAWS_RUN replaces it (a small trial run, say).
RUN=${SCALING_LAWS_RUN:-"--alpha 1 --M 100000 --N 10000 --P 10000 --gamma 1e-3 --trials 1000 --seed 1"}
# Shard K of COUNT, whatever range --array was given (1-64, 0-63, ...).
COUNT=$SLURM_ARRAY_TASK_COUNT
K=$((SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN + 1))
mkdir -p shards
# --threads trials run at once in this task; each needs about 10.4 GB at the default sizes.
# shellcheck disable=SC2086 # RUN is a list of flags
scaling-laws simulate $RUN --format json --threads "$SLURM_CPUS_PER_TASK" \
  --shard "$K/$COUNT" > "shards/shard-$K.json.tmp"
# Rename only a complete shard, so that merge never reads half a file.
mv "shards/shard-$K.json.tmp" "shards/shard-$K.json"
