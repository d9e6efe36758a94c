/* stdio — buffered file I/O through glibc's stdio: fopen/fprintf/fclose a file under /tmp,
   read it back with fgets and fscanf, fseek/ftell, append mode, remove(); stdout set to full
   buffering with setvbuf and flushed by hand around messages on (unbuffered) stderr, so the
   order of the two streams is the same whether they go to a terminal, a pipe or a file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char stdout_buf[BUFSIZ];

int main(void) {
    if (setvbuf(stdout, stdout_buf, _IOFBF, sizeof stdout_buf) != 0) {
        fputs("setvbuf failed\n", stderr);
        return 1;
    }
    char path[64];
    snprintf(path, sizeof path, "/tmp/stdio-%ld.txt", (long)getpid());

    FILE *f = fopen(path, "w");
    if (!f) { perror("fopen w"); return 1; }
    for (int i = 1; i <= 5; i++)
        fprintf(f, "line %d: %d squared is %d\n", i, i, i * i);
    fprintf(f, "%s %d %.2f\n", "numbers", 42, 2.5);
    if (fclose(f) != 0) { perror("fclose"); return 1; }

    f = fopen(path, "r");
    if (!f) { perror("fopen r"); return 1; }
    char line[128];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        n++;
        if (n <= 5) printf("read: %s", line);
    }
    printf("%d lines\n", n);

    /* fseek/ftell: the size of the file, then jump back to the last line and fscanf it. */
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    printf("size %ld\n", size);
    fseek(f, -(long)strlen("numbers 42 2.50\n"), SEEK_END);
    printf("last line at %ld\n", ftell(f));
    char word[32];
    int num;
    double d;
    if (fscanf(f, "%31s %d %lf", word, &num, &d) != 3) { puts("fscanf failed"); return 1; }
    printf("fscanf: \"%s\" %d %.2f\n", word, num, d);
    rewind(f);
    printf("after rewind: %ld, first char '%c'\n", ftell(f), fgetc(f));
    fclose(f);

    f = fopen(path, "a");
    fputs("appended\n", f);
    fclose(f);
    f = fopen(path, "r");
    fseek(f, 0, SEEK_END);
    printf("size after append %ld\n", ftell(f));
    fclose(f);

    /* Messages on stderr: flush stdout first so the order is fixed. */
    printf("before stderr\n");
    fflush(stdout);
    fputs("this goes to stderr\n", stderr);
    fprintf(stderr, "stderr %s %d\n", "fprintf", 2);
    printf("after stderr\n");

    if (remove(path) != 0) { perror("remove"); return 1; }
    f = fopen(path, "r");
    printf("reopen after remove: %s\n", f ? "opened?!" : strerror(errno));
    printf("done\n");
    return 0;
}
