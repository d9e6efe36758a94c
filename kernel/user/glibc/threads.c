/* threads — POSIX threads: four threads each sum a quarter of 1..N and add it to a shared
   total under a mutex; join returns each thread's own result; a thread-local counter is
   private to each thread; pthread_self/pthread_equal. Linked with -pthread. */
#include <pthread.h>
#include <stdio.h>

#define N 4000000L
#define THREADS 4

static long long total;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static __thread int tls_counter;

struct job { int index; long long sum; };

static void *worker(void *arg) {
    struct job *job = arg;
    long lo = job->index * (N / THREADS) + 1, hi = (job->index + 1) * (N / THREADS);
    long long sum = 0;
    for (long i = lo; i <= hi; i++) {
        sum += i;
        tls_counter++;
    }
    pthread_mutex_lock(&lock);
    total += sum;
    pthread_mutex_unlock(&lock);
    job->sum = sum;
    return (void *)(long)tls_counter;
}

int main(void) {
    pthread_t t[THREADS];
    struct job jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i].index = i;
        int e = pthread_create(&t[i], NULL, worker, &jobs[i]);
        if (e) { printf("pthread_create: error %d\n", e); return 1; }
    }
    for (int i = 0; i < THREADS; i++) {
        void *ret;
        pthread_join(t[i], &ret);
        printf("thread %d: sum %lld, counted %ld\n", i, jobs[i].sum, (long)ret);
    }
    long long want = (long long)N * (N + 1) / 2;
    printf("total %lld, want %lld: %s\n", total, want, total == want ? "ok" : "bad");
    printf("main's thread-local counter: %d\n", tls_counter);
    printf("pthread_equal(self, self): %d\n", pthread_equal(pthread_self(), pthread_self()) != 0);
    return total == want ? 0 : 1;
}
