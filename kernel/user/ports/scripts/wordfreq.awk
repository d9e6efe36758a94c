# Word frequencies: awk's associative arrays, string functions and printf.
{ for (i = 1; i <= NF; i++) { w = tolower($i); gsub(/[^a-z]/, "", w); if (w != "") n[w]++ } }
END {
    for (w in n) if (n[w] > 1000) big++
    printf "distinct %d, frequent %d\n", length(n), big
    printf "the %d, fox %d, odd %d, even %d\n", n["the"], n["fox"], n["odd"], n["even"]
    printf "%s %s %d %.3f\n", substr("maxlive", 4), toupper("ok"), index("kernel", "n"), sin(1)
}
