#!/bin/bash
# Slurm MPI job: 64 nodes, 12 ranks each (memory, not cores, is the limit at
# about 10.4 GB per trial); rank 0 deals the trials and writes result.json.
#   sbatch Docs/slurm/simulate-mpi.sh
# Logs go to the submit directory (Slurm opens --output before the script runs).
#SBATCH --job-name=scaling-laws-mpi
#SBATCH --nodes=64
#SBATCH --ntasks-per-node=12
#SBATCH --mem=0
#SBATCH --time=00:30:00
#SBATCH --output=scaling-laws-mpi-%j.log
set -euo pipefail
# The run; SCALING_LAWS_RUN replaces it (a small trial run, say).
RUN=${SCALING_LAWS_RUN:-"--alpha 1 --M 100000 --N 10000 --P 10000 --gamma 1e-3 --trials 1000 --seed 1"}
# --mpi=pmix names the PMI plugin that Debian's OpenMPI speaks: a site whose
# default (MpiDefault) is none would start 12 unconnected rank-0 processes.
# `srun --mpi=list` shows what a site has; pmi2 is the other common choice.
# shellcheck disable=SC2086 # RUN is a list of flags
srun --mpi=pmix scaling-laws-mpi simulate $RUN --format json > result.json.tmp
mv result.json.tmp result.json
