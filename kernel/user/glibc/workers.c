/* workers — threads that contend: a mutex-protected counter incremented by 8 threads, a
   bounded queue with condition variables between producers and consumers, a thread that
   forks and waits for its child, detached threads, and a thread that ends the whole process
   with exit() while others are still running. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *bump(void *arg) {
    long n = (long)arg;
    for (long i = 0; i < n; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        if (i % 1000 == 0) sched_yield();   /* hand the lock over while held: waiters sleep */
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

enum { QSIZE = 4, ITEMS = 2000 };
static int queue[QSIZE], head, count;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static long consumed_sum;

static void *produce(void *arg) {
    int base = (int)(long)arg;
    for (int i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&lock);
        while (count == QSIZE) pthread_cond_wait(&not_full, &lock);
        queue[(head + count++) % QSIZE] = base + i;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static void *consume(void *arg) {
    (void)arg;
    for (int i = 0; i < ITEMS; i++) {
        pthread_mutex_lock(&lock);
        while (count == 0) pthread_cond_wait(&not_empty, &lock);
        consumed_sum += queue[head];
        head = (head + 1) % QSIZE;
        count--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static void *forker(void *arg) {
    (void)arg;
    pid_t c = fork();
    if (c == 0) _exit(42);
    int st = 0;
    waitpid(c, &st, 0);
    return (void *)(long)WEXITSTATUS(st);
}

static void *sleeper(void *arg) {
    (void)arg;
    for (;;) pause();
    return NULL;
}

int main(void) {
    pthread_t t[8];
    for (int i = 0; i < 8; i++) pthread_create(&t[i], NULL, bump, (void *)20000L);
    for (int i = 0; i < 8; i++) pthread_join(t[i], NULL);
    printf("counter %ld (want 160000)\n", counter);

    pthread_t p[2], c[2];
    for (int i = 0; i < 2; i++) pthread_create(&p[i], NULL, produce, (void *)(long)(i * 100000));
    for (int i = 0; i < 2; i++) pthread_create(&c[i], NULL, consume, NULL);
    for (int i = 0; i < 2; i++) { pthread_join(p[i], NULL); pthread_join(c[i], NULL); }
    printf("consumed sum %ld (want %ld)\n", consumed_sum, 2L * ITEMS * (ITEMS + 1) / 2 + 100000L * ITEMS);

    pthread_t f;
    void *ret;
    pthread_create(&f, NULL, forker, NULL);
    pthread_join(f, &ret);
    printf("a thread's child exited %ld\n", (long)ret);

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t d;
    for (int i = 0; i < 3; i++) pthread_create(&d, &attr, sleeper, NULL);
    printf("three sleepers detached; exit(7) ends them all\n");
    fflush(stdout);
    exit(7);
}
