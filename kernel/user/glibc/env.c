/* env — the environment: getenv of HOME and PATH ("(null)" when unset), setenv with and
   without overwrite, unsetenv, putenv, and argv[0]'s last path component. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *show(const char *s) { return s ? s : "(null)"; }

int main(int argc, char *argv[]) {
    const char *slash = strrchr(argv[0], '/');
    printf("program: %s, %d argument(s)\n", slash ? slash + 1 : argv[0], argc - 1);
    printf("HOME=%s\n", show(getenv("HOME")));
    printf("PATH=%s\n", show(getenv("PATH")));

    printf("MAXLIVE_TEST before: %s\n", show(getenv("MAXLIVE_TEST")));
    setenv("MAXLIVE_TEST", "first", 1);
    printf("after setenv: %s\n", show(getenv("MAXLIVE_TEST")));
    setenv("MAXLIVE_TEST", "second", 0);
    printf("after setenv without overwrite: %s\n", show(getenv("MAXLIVE_TEST")));
    setenv("MAXLIVE_TEST", "third", 1);
    printf("after setenv with overwrite: %s\n", show(getenv("MAXLIVE_TEST")));
    unsetenv("MAXLIVE_TEST");
    printf("after unsetenv: %s\n", show(getenv("MAXLIVE_TEST")));

    static char entry[] = "MAXLIVE_PUT=via putenv";
    putenv(entry);
    printf("putenv: %s\n", show(getenv("MAXLIVE_PUT")));
    setenv("HOME", "/root", 1);
    printf("HOME now %s\n", show(getenv("HOME")));
    printf("setenv with '=' in the name: %d\n", setenv("BAD=NAME", "x", 1));
    return 0;
}
