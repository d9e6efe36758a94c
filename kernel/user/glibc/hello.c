/* hello — the classic first program: arguments, printf and puts, a non-zero exit status.
   argv[0] is printed as its last path component (a kernel's init and a Linux shell may spell
   the program's path differently). Exit status 3. */
#include <stdio.h>
#include <string.h>

static const char *base(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int main(int argc, char *argv[]) {
    printf("hello, world\n");
    printf("argc = %d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d] = \"%s\"\n", i, i == 0 ? base(argv[i]) : argv[i]);
    if (argv[argc] != NULL) {
        puts("argv is not NULL-terminated");
        return 1;
    }
    puts("puts adds a newline");
    puts("goodbye");
    return 3;
}
