/* system — system() and popen() through /bin/sh. They need a shell: if system(NULL) says
   there is none, this prints "no shell" and exits 0 (a riscv64 glibc set has no /bin/sh of
   its own). With a shell: exit statuses, a command's output on our stdout, popen reading and
   writing (through cat, which every /bin has). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

int main(void) {
    if (system(NULL) == 0) {
        puts("no shell");
        return 0;
    }
    fflush(stdout);
    int st = system("exit 3");
    printf("system(\"exit 3\"): exited %d, status %d\n", WIFEXITED(st) != 0, WEXITSTATUS(st));
    fflush(stdout);
    st = system("echo from the shell");
    printf("system(echo): status %d\n", WEXITSTATUS(st));

    FILE *p = popen("echo one; echo two; echo three", "r");
    if (!p) { perror("popen"); return 1; }
    char line[64];
    int n = 0;
    while (fgets(line, sizeof line, p)) printf("popen line %d: %s", ++n, line);
    st = pclose(p);
    printf("pclose: %d\n", WEXITSTATUS(st));

    fflush(stdout);
    p = popen("cat; exit 5", "w");
    if (!p) { perror("popen"); return 1; }
    fputs("first second\n", p);
    st = pclose(p);
    printf("pclose (write): %d\n", WEXITSTATUS(st));
    return 0;
}
