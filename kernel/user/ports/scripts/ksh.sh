# The Korn shell's own language, no outside program: functions, arrays, arithmetic, subshells,
# pipelines and command substitution (fork), traps, background jobs, here-documents, files.
echo "version ok: ${KSH_VERSION:+yes}"

fact() { typeset n=$1; if (( n <= 1 )); then echo 1; else echo $(( n * $(fact $((n - 1))) )); fi; }
echo "fact 10 = $(fact 10)"

set -A primes
n=2; count=0
while (( count < 20 )); do
    d=2; prime=1
    while (( d * d <= n )); do (( n % d == 0 )) && { prime=0; break; }; (( d++ )); done
    (( prime )) && { primes[count]=$n; (( count++ )); }
    (( n++ ))
done
echo "primes: ${primes[*]} (${#primes[*]})"

s="path/to/some/file.tar.gz"
echo "${s##*/} ${s%%/*} ${s%.gz} ${#s} ${s#path/}"
typeset -u up=shout; typeset -l low=QUIET; typeset -R6 r=ab; typeset -Z4 z=7
echo "$up $low [$r] $z"

for w in alpha beta gamma; do echo "$w"; done | while read -r line; do echo "got $line"; done

x=$(for i in 1 2 3; do echo "n$i"; done | { read a; read b; echo "$b$a"; })
echo "subst: $x"

( exit 3 ); echo "subshell status $?"
( echo inner; exit 0 ) && echo "and-list ok"
false || echo "or-list ok"

cat_lines() { while IFS= read -r l; do echo "[$l]"; done; }
cat_lines <<EOT
first line
  indented $((6 * 7))
EOT

f=/tmp/ksh-test.$$
{ echo one; echo two; echo three; } >"$f"
echo four >>"$f"
exec 3<"$f"
read -r a <&3; read -r b <&3
exec 3<&-
echo "read from fd 3: $a $b"
lines=0; while read -r _; do (( lines++ )); done <"$f"
echo "lines: $lines"
rm_ok=no; [[ -f $f ]] && rm_ok=yes
echo "file exists: $rm_ok"
unset f

trap 'echo "caught USR1"' USR1
kill -USR1 $$
echo "after kill"
trap - USR1

( sleep_loop=0; while (( sleep_loop < 1000 )); do (( sleep_loop++ )); done; exit 7 ) &
job=$!
wait $job; echo "background status $?"
( exit 2 ) & ( exit 5 ) &
wait; echo "waited for all"

case "file.c" in *.h) echo header ;; *.c) echo source ;; *) echo other ;; esac
[[ abc == a* && 5 -lt 10 ]] && echo "test ok"
typeset -i16 hex=255; typeset -Z5 padded=42; print -r -- "width=$padded hex=$hex $(( 7 / 2 )) $(( -7 % 3 ))"

OPTIND=1
parse() { while getopts "ab:c" opt; do case $opt in b) echo "b=$OPTARG" ;; *) echo "opt $opt" ;; esac; done; }
parse -a -b val -c
eval 'e1=1; e2=$((e1 + 1))'; echo "eval $e2"
integer total=0 i=0; while (( ++i <= 100 )); do (( total += i )); done; echo "total $total"
for b in {x,y,z}.c; do print -n "$b "; done; print
trap 'echo "exit trap"' EXIT
exit 4
