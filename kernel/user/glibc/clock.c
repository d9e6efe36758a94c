/* clock — time: CLOCK_MONOTONIC never goes backwards, nanosleep(20 ms) lasts at least
   20 ms by the monotonic clock, time(NULL) is after 1970, gettimeofday agrees with time()
   within a couple of seconds, CLOCK_REALTIME and clock() work. Prints only ok/bad. */
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

static const char *ok(int cond) { return cond ? "ok" : "bad"; }

static long long ns(const struct timespec *t) {
    return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

int main(void) {
    struct timespec a, b;
    int bad = 0;
    clock_gettime(CLOCK_MONOTONIC, &a);
    clock_gettime(CLOCK_MONOTONIC, &b);
    int mono = ns(&b) >= ns(&a) && a.tv_nsec >= 0 && a.tv_nsec < 1000000000L;
    printf("monotonic non-decreasing: %s\n", ok(mono));
    bad += !mono;

    struct timespec req = { 0, 20 * 1000 * 1000 }, rem = { 0, 0 };
    clock_gettime(CLOCK_MONOTONIC, &a);
    int r = nanosleep(&req, &rem);
    clock_gettime(CLOCK_MONOTONIC, &b);
    int slept = r == 0 && ns(&b) - ns(&a) >= 20 * 1000 * 1000LL;
    printf("nanosleep 20 ms: %s\n", ok(slept));
    bad += !slept;

    /* Ten short sleeps in a row: the clock keeps moving forward. */
    long long start = ns(&b);
    for (int i = 0; i < 10; i++) {
        struct timespec t = { 0, 1000 * 1000 };
        nanosleep(&t, NULL);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    int ten = ns(&b) - start >= 10 * 1000 * 1000LL;
    printf("10 x 1 ms: %s\n", ok(ten));
    bad += !ten;

    time_t now = time(NULL);
    printf("time(NULL) > 0: %s\n", ok(now > 0));
    bad += !(now > 0);

    struct timeval tv;
    int g = gettimeofday(&tv, NULL) == 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000 &&
            tv.tv_sec - now >= -2 && tv.tv_sec - now <= 2;
    printf("gettimeofday: %s\n", ok(g));
    bad += !g;

    struct timespec rt;
    int real = clock_gettime(CLOCK_REALTIME, &rt) == 0 && rt.tv_sec - now >= -2 && rt.tv_sec - now <= 2;
    printf("CLOCK_REALTIME: %s\n", ok(real));
    bad += !real;

    struct tm tm;
    time_t epoch = 86400 * 365;             /* 1971-01-01, UTC: no time zone involved */
    gmtime_r(&epoch, &tm);
    char date[64];
    strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
    printf("gmtime(%lld): %s\n", (long long)epoch, date);

    clock_t c = clock();
    printf("clock(): %s\n", ok(c != (clock_t)-1));
    bad += c == (clock_t)-1;
    return bad ? 1 : 0;
}
