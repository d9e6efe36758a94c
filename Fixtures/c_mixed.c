/*
 * c_mixed.c — the C half of Fixtures/c_mixed.swift (maxlive reads it with libclang).
 * Sizes are the byte counts requested from kmalloc (struct rec: 3 longs = 24 B;
 * struct node: a pointer and a long = 16 B).
 */
#include "maxlive.h"

struct rec { long a, b, c; };
struct node { struct node *next; long v; };

/* Swift functions exported with @_cdecl (c_mixed.swift). */
void *fixture_box_new(long v);
long fixture_box_value(void *box);
void fixture_box_drop(void *box);

/* Two scratch objects, both freed: peak 24 + 40 = 64, nothing left. */
long c_scratch(long n) {
    struct rec *r = kmalloc(sizeof(struct rec));
    char *buf = kmalloc(40);
    if (!r || !buf) return -1;
    r->a = n; r->b = 2 * n; r->c = 3;
    buf[0] = (char)n;
    long s = r->a + r->b + r->c + buf[0];
    kfree(buf);
    kfree(r);
    return s;
}

/* A list of n <= 5 nodes, kept and returned: 5 x 16 = 80. */
struct node *c_list(long n) {
    struct node *head = 0;
    for (long i = 0; i < n; i++) {
        maxlive_loop_bound(5);
        struct node *x = kmalloc(sizeof *x);
        if (!x) break;
        x->next = head;
        x->v = i;
        head = x;
    }
    return head;
}

long c_list_sum_free(struct node *head) {
    long s = 0;
    while (head) {
        struct node *next = head->next;
        s += head->v;
        kfree(head);
        head = next;
    }
    return s;
}

/* A counting loop over a constant: 8 scratch records, each freed in its iteration: 24. */
long c_counted(long n) {
    long s = 0;
    for (int i = 0; i < 8; i++) {
        struct rec *r = kmalloc(sizeof(struct rec));
        if (!r) return -1;
        r->a = n + i;
        s += r->a;
        kfree(r);
    }
    return s;
}

/* C calls back into Swift: a Swift Box (16 + 8 = 24 B) made, read and dropped. */
long c_calls_swift(long n) {
    void *box = fixture_box_new(n);
    long v = fixture_box_value(box);
    fixture_box_drop(box);
    return v;
}

/* Recursion with a depth: one record per frame, freed on the way out: 4 x 24 = 96. */
long c_depth(long d) {
    maxlive_recursion_depth(4);
    if (d <= 0) return 0;
    struct rec *r = kmalloc(sizeof(struct rec));
    if (!r) return -1;
    r->a = d;
    long s = r->a + c_depth(d - 1);
    kfree(r);
    return s;
}

/* A loop that keeps what it allocates and has no bound. */
struct node *c_unbounded(long n) {
    struct node *head = 0;
    while (n-- > 0) {
        struct node *x = kmalloc(sizeof *x);
        if (!x) break;
        x->next = head;
        head = x;
    }
    return head;
}
