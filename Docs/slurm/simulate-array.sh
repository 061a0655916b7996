#!/bin/bash
# Slurm job array: one shard of the trials per array task, merged afterwards
# (see Docs/Cluster.md):
#   jobid=$(sbatch --parsable Docs/slurm/simulate-array.sh)
#   sbatch --dependency=afterok:$jobid --wrap 'scaling-laws merge shards/shard-*.json > result.json'
#SBATCH --job-name=scaling-laws
#SBATCH --array=1-64
#SBATCH --cpus-per-task=4
#SBATCH --mem=48G
#SBATCH --time=01:00:00
#SBATCH --output=logs/%A_%a.log
set -euo pipefail
# COUNT must equal the size of --array.
COUNT=64
mkdir -p shards
# --threads trials run at once in this task; each needs about 10.4 GB here.
scaling-laws simulate --alpha 1 --M 100000 --N 10000 --P 10000 --gamma 1e-3 \
  --trials 1000 --seed 1 --format json --threads "$SLURM_CPUS_PER_TASK" \
  --shard "$SLURM_ARRAY_TASK_ID/$COUNT" > "shards/shard-$SLURM_ARRAY_TASK_ID.json.tmp"
# Rename only a complete shard, so that merge never reads half a file.
mv "shards/shard-$SLURM_ARRAY_TASK_ID.json.tmp" "shards/shard-$SLURM_ARRAY_TASK_ID.json"
