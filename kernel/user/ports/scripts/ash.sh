# busybox's shell running busybox's coreutils, bzip2 and lua in pipelines: every command is
# another program the shell forks and executes.
B=/bin/busybox
set -e
$B sort -n data/numbers.txt | $B head -3
$B sort -n data/numbers.txt | $B tail -2
$B sort -rn data/numbers.txt | $B uniq | $B wc -l
$B sort data/numbers.txt | $B md5sum
$B awk '{ s += $1 } END { print "sum", s, "mean", int(s / NR) }' data/numbers.txt
$B cut -d' ' -f1 data/text.txt | $B sort | $B uniq -c
$B grep -c 'fox jumps' data/text.txt
$B sed -n 's/^odd line \([0-9]*\):.*dog 5$/\1/p' data/text.txt | $B head -4
$B tr 'a-z' 'A-Z' <data/text.txt | $B head -2
$B head -c 1000 data/text.txt | $B wc -c
mkdir_dir=/tmp/ash-test
$B mkdir -p $mkdir_dir/a/b
$B cp data/text.txt $mkdir_dir/a/b/t.txt
/bin/bzip2 -c data/text.txt >$mkdir_dir/t.bz2
/bin/bzip2 -dc $mkdir_dir/t.bz2 | $B cmp - data/text.txt && echo "bzip2 round trip ok"
/bin/bzip2 -t $mkdir_dir/t.bz2 && echo "bzip2 test ok"
$B gzip -c data/text.txt | $B gzip -dc | $B md5sum
$B tar -C /tmp -cf $mkdir_dir.tar ash-test
$B tar -tf $mkdir_dir.tar | $B sort
$B find $mkdir_dir -type f | $B sort
$B rm -r $mkdir_dir $mkdir_dir.tar
[ ! -e $mkdir_dir ] && echo "removed"
$B seq 1 10 | $B xargs -n 3 $B echo
$B printf '%s\n' c a b | $B sort -r | $B tr '\n' ' '; echo
/bin/lua -e 'for i = 1, 3 do print("lua says", i) end' | $B tac
echo 'print(#arg, arg[1])' >/tmp/arg.lua && /bin/lua /tmp/arg.lua hello
$B nice -n 7 $B nice
$B nice -n 3 $B nice -n 2 $B nice
$B cat data/text.txt | $B md5sum
$B expr 6 \* 7
$B basename /a/b/c.txt .txt; $B dirname /a/b/c.txt
$B od -An -tx1 -N8 /dev/zero
$B head -c 4096 /dev/zero | $B wc -c
echo discarded >/dev/null && echo "dev null ok"
if $B false; then echo no; else echo "false is $?"; fi
$B sh -c 'exit 9' || echo "child exit $?"
echo done
