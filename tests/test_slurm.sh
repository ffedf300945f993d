#!/usr/bin/env bash
# test_slurm.sh OMPSCALE SOURCE_ROOT: scripts/slurm/hybrid.sbatch under a
# real Slurm (TAP).  Starts a one-node cluster on this machine from Debian's
# packages, all of it in a temporary directory: munged with a fresh key,
# slurmctld and slurmd with a slurm.conf made for this machine (its host name
# and `slurmd -C`'s CPUs, ports picked at random), submits the template with
# sbatch --wait (under a timeout), and checks its results: every row
# verified, the hybrid rows at the ranks and threads asked; then the job
# array template as a one-task array, its sweep's CSV verified.  Every daemon it
# started is stopped at the end (trap).  A missing package fails the test: a
# missing component is a failure, not a skip.
set -u
bin=$(realpath "$1") # the job runs in another directory
src=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
chmod 755 "$tmp" # munged and slurmd check the directories they use
pids=()
stop_all() {
    for pidfile in "$tmp/slurmd.pid" "$tmp/slurmctld.pid" "$tmp/munged.pid"; do
        [ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
    done
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    sleep 1
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null; done
    rm -rf "$tmp"
}
trap stop_all EXIT
. "$here/tap.sh"

missing=()
for cmd in mungekey munged slurmctld slurmd sbatch sinfo scontrol mpirun; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
done
if [ ${#missing[@]} -gt 0 ]; then
    what="Slurm, munge and Open MPI are installed (missing: ${missing[*]}: run scripts/setup)"
    not_ok "$what"
    tap_done
    exit 1
fi

host=$(hostname -s)
node=$(slurmd -C | head -1)           # NodeName=HOST CPUs=... (this machine's own line)
cpus=$(sed -n 's/.*CPUs=\([0-9]*\).*/\1/p' <<<"$node")
port=$((20000 + RANDOM % 20000))
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/run"

mungekey --create --keyfile="$tmp/munge.key" >"$tmp/out" 2>"$tmp/err" &&
    chmod 600 "$tmp/munge.key"
what="munge: a fresh key"
cond '[ -s "$tmp/munge.key" ]'
munged --force --key-file="$tmp/munge.key" --socket="$tmp/munge.socket" \
    --pid-file="$tmp/munged.pid" --log-file="$tmp/munged.log" --seed-file="$tmp/munged.seed" \
    >"$tmp/out" 2>"$tmp/err"
what="munged starts on its own socket"
cond 'for _ in $(seq 50); do [ -S "$tmp/munge.socket" ] && break; sleep 0.1; done; [ -S "$tmp/munge.socket" ]'

cat >"$tmp/slurm.conf" <<CONF
ClusterName=ompscale-test
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$tmp/munge.socket
CredType=cred/munge
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/affinity
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/builtin
MpiDefault=pmix
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
ReturnToService=2
$node State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
sed -i 's/ UpTime=[^ ]*//' "$tmp/slurm.conf"
export SLURM_CONF=$tmp/slurm.conf
slurmctld -D -f "$tmp/slurm.conf" >"$tmp/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$tmp/slurm.conf" >"$tmp/slurmd.out" 2>&1 &
pids+=($!)
state=
for _ in $(seq 120); do
    state=$(sinfo -h -o %T 2>/dev/null | head -1)
    [ "$state" = idle ] && break
    sleep 0.5
done
what="slurmctld and slurmd: the node $host with $cpus CPUs is idle"
cond '[ "$state" = idle ]' || tail -5 "$tmp/slurmctld.log" "$tmp/slurmd.log" | sed 's/^/# /'

cd "$tmp/run" || exit 1
ranks=2 threads=$((cpus / 2 > 0 ? cpus / 2 : 1))
timeout 300 sbatch --wait --parsable --ntasks-per-node=$ranks --cpus-per-task=$threads \
    --export=ALL,OMPSCALE="$bin",OMPSCALE_OUT="$tmp/run/hybrid",OMPI_ALLOW_RUN_AS_ROOT=1,OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 \
    "$src/scripts/slurm/hybrid.sbatch" --quick squares montecarlo quadrature >"$tmp/out" 2>"$tmp/err"
rc=$?
job=$(head -1 "$tmp/out")
what="sbatch hybrid.sbatch (${ranks} tasks x ${threads} CPUs) completes (job ${job:-none}, exit $rc)"
cond '[ $rc -eq 0 ]' || cat "$tmp/run"/*.out 2>/dev/null | tail -20 | sed 's/^/# /'
what="every row verified, the hybrid rows at ${ranks}x${threads} on $host"
cond 'python3 - "$tmp/run/hybrid.csv" $ranks $threads "$host" <<PY
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
ranks, threads, host = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
hybrid = [r for r in rows if r["ranks"]]
assert len(rows) == 6 and len(hybrid) == 3, len(rows)
assert all(r["verified"] == "true" for r in rows)
for r in hybrid:
    assert int(r["ranks"]) == ranks and int(r["threads_per_rank"]) == threads, r
    assert r["hosts"].startswith(host) and r["hosts"].endswith(":%d" % ranks), r["hosts"]
PY'
what="the job's launch line was srun, bound to the task's cores"
cond 'grep -q "ompscale: hybrid: .*srun --ntasks=$ranks --cpus-per-task=$threads --cpu-bind=cores" "$tmp/run"/*.out'
sed 's/^/# /' "$tmp/run"/*.out

mkdir "$tmp/array" && cd "$tmp/array" || exit 1
timeout 300 sbatch --wait --parsable --array=0-0 \
    --export=ALL,OMPSCALE="$bin",RESULTS="$tmp/array/results" \
    "$src/scripts/slurm/sweep-array.sbatch" --quick --kernel squares >"$tmp/out" 2>"$tmp/err"
rc=$?
what="sbatch --array sweep-array.sbatch: the node's single-node sweep, every row verified"
cond '[ $rc -eq 0 ] && python3 - "$tmp/array/results/$host.csv" <<PY
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert rows and all(r["verified"] == "true" for r in rows), rows
PY' || cat "$tmp/array"/*.out 2>/dev/null | tail -20 | sed 's/^/# /'

tap_done
