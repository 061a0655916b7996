#!/usr/bin/env bash
# Starts a single-node Slurm on this machine (munged, slurmctld, slurmd from
# Debian's munge and slurm-wlm), all state in DIR, on ports 16817/16818, as the
# current user. Sourced by test-slurm.sh: defines start_slurm and stop_slurm.
# The daemons are stopped by the process ids they were started with.

slurm_pids=()

start_slurm() {
  local dir=$1 host cpus memory
  host=$(hostname -s)
  cpus=$(nproc)
  memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 / 2 ))
  mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
  chmod 700 "$dir/munge"
  # A key of our own, so that nothing of a system munge is touched.
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$dir/munge/munge.key"
  munged --force --foreground --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/seed" >"$dir/munge/munged.out" 2>&1 &
  slurm_pids+=($!)
  cat > "$dir/slurm.conf" <<CONF
ClusterName=scalinglaws-test
SlurmctldHost=$host
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
SchedulerType=sched/backfill
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
MinJobAge=600
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
CONF
  export SLURM_CONF=$dir/slurm.conf
  # Wait for munged's socket before the daemons that need it.
  for _ in $(seq 100); do [ -S "$dir/munge/munge.socket" ] && break; sleep 0.1; done
  slurmctld -D -i -f "$SLURM_CONF" >"$dir/slurmctld.out" 2>&1 &
  slurm_pids+=($!)
  slurmd -D -f "$SLURM_CONF" >"$dir/slurmd.out" 2>&1 &
  slurm_pids+=($!)
  for _ in $(seq 300); do
    sinfo -h -o '%T' 2>/dev/null | grep -qx idle && return 0
    sleep 0.2
  done
  echo "single-node Slurm did not come up; logs in $dir" >&2
  return 1
}

# Stops the daemons in the reverse order of their start (munged last).
stop_slurm() {
  local i pid
  for (( i = ${#slurm_pids[@]} - 1; i >= 0; i-- )); do
    pid=${slurm_pids[i]}
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  slurm_pids=()
}
