#!/bin/bash
# Slurm MPI job: 64 nodes, 12 ranks each (memory, not cores, is the limit at
# about 10.4 GB per trial); rank 0 deals the trials and writes result.json.
#   sbatch Docs/slurm/simulate-mpi.sh
#SBATCH --job-name=scaling-laws-mpi
#SBATCH --nodes=64
#SBATCH --ntasks-per-node=12
#SBATCH --mem=0
#SBATCH --time=00:30:00
#SBATCH --output=logs/%j.log
set -euo pipefail
srun scaling-laws-mpi simulate --alpha 1 --M 100000 --N 10000 --P 10000 --gamma 1e-3 \
  --trials 1000 --seed 1 --format json > result.json.tmp
mv result.json.tmp result.json
