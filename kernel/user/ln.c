/* ln — make a hard link: ln TARGET LINK. */
#include "ulib.h"

int main(int argc, char **argv) {
    if (argc != 3) { dprintf(2, "usage: ln TARGET LINK\n"); return 2; }
    if (link(argv[1], argv[2]) < 0) {
        dprintf(2, "ln: %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    return 0;
}
