/* mkdir — make directories. */
#include "ulib.h"

int main(int argc, char **argv) {
    int status = 0;
    if (argc < 2) { dprintf(2, "usage: mkdir DIR...\n"); return 2; }
    for (int i = 1; i < argc; i++) {
        if (mkdir(argv[i], 0777) < 0) {
            dprintf(2, "mkdir: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
