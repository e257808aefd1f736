// SPDX-License-Identifier: GPL-2.0
/*
 * udpflood: small-datagram packet rate, counted where it is received, for
 * make bench.
 *
 *   udpflood recv PORT SECONDS [WARMUP]
 *	Waits (10 s at most) for the first datagram, ignores those of the
 *	next WARMUP seconds (default 1), then counts datagrams for SECONDS
 *	and prints one JSON line {"packets":N,"seconds":S,"pps":R}.
 *	Prints "listening" on stderr once bound. Exits 1 if nothing came.
 *   udpflood send ADDR PORT SECONDS [LEN]
 *	Sends LEN-byte (default 64) UDP payloads to ADDR:PORT as fast as
 *	sendmmsg(2) goes, for SECONDS; prints {"sent":N,"seconds":S,"pps":R}.
 *	Send errors (no buffer space, ICMP unreachable) are counted, not fatal.
 *	SIGTERM or SIGINT ends it early, with the same output.
 *
 * One flow (fixed ports), IPv4 only. Run the sender for WARMUP + SECONDS
 * plus a margin, so that the receiver's window is full of traffic.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define MAXLEN 9000

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void die(const char *what)
{
	fprintf(stderr, "udpflood: %s: %s\n", what, strerror(errno));
	exit(1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int parse_port(const char *s)
{
	char *end;
	long p = strtol(s, &end, 10);

	if (*end || p < 1 || p > 65535) {
		fprintf(stderr, "udpflood: bad port %s\n", s);
		exit(2);
	}
	return p;
}

static int receiver(int port, double secs, double warmup)
{
	static char bufs[BATCH][2048];
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port) };
	struct timeval tv = { .tv_usec = 50000 };
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	int fd, i, n, rcvbuf = 4 << 20;
	unsigned long long count = 0;
	double t, t_start, t_end;
	struct pollfd pfd;

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	/* A deep queue rides out scheduling hiccups (TCG, a busy host); it
	 * does not change the per-packet cost being measured.
	 */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)))
		die("bind");
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)))
		die("SO_RCVTIMEO");
	for (i = 0; i < BATCH; i++) {
		iov[i].iov_base = bufs[i];
		iov[i].iov_len = sizeof(bufs[i]);
		memset(&msgs[i], 0, sizeof(msgs[i]));
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	fprintf(stderr, "udpflood: listening on port %d\n", port);

	pfd.fd = fd;
	pfd.events = POLLIN;
	n = poll(&pfd, 1, 10000);
	if (n < 0)
		die("poll");
	if (n == 0) {
		fprintf(stderr, "udpflood: nothing received in 10 s\n");
		printf("{\"packets\":0,\"seconds\":0,\"pps\":0}\n");
		return 1;
	}
	t_start = now() + warmup;
	t_end = t_start + secs;
	for (;;) {
		n = recvmmsg(fd, msgs, BATCH, MSG_WAITFORONE, NULL);
		t = now();
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			die("recvmmsg");
		if (t >= t_end)
			break;
		if (t >= t_start && n > 0)
			count += n;
	}
	/* The window is [t_start, t_end]; if the flow stopped early the rate
	 * is still over the whole window: what did not come was not received.
	 */
	printf("{\"packets\":%llu,\"seconds\":%.6f,\"pps\":%.1f}\n",
	       count, secs, count / secs);
	return 0;
}

static int sender(const char *addr, int port, double secs, int len)
{
	static char payload[MAXLEN];
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port) };
	struct mmsghdr msgs[BATCH];
	struct iovec iov = { .iov_base = payload, .iov_len = len };
	unsigned long long sent = 0, errors = 0;
	double start, end, t;
	int fd, i, n;

	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1) {
		fprintf(stderr, "udpflood: bad IPv4 address %s\n", addr);
		return 2;
	}
	memset(payload, 0xa5, sizeof(payload));
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)))
		die("connect");
	for (i = 0; i < BATCH; i++) {
		memset(&msgs[i], 0, sizeof(msgs[i]));
		msgs[i].msg_hdr.msg_iov = &iov;
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	start = now();
	end = start + secs;
	do {
		n = sendmmsg(fd, msgs, BATCH, 0);
		if (n > 0)
			sent += n;
		else
			errors++;
		t = now();
	} while (t < end && !stop);
	printf("{\"sent\":%llu,\"errors\":%llu,\"seconds\":%.6f,\"pps\":%.1f}\n",
	       sent, errors, t - start, sent / (t - start));
	return 0;
}

int main(int argc, char **argv)
{
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "recv"))
		return receiver(parse_port(argv[2]), atof(argv[3]),
				argc == 5 ? atof(argv[4]) : 1.0);
	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "send")) {
		int len = argc == 6 ? atoi(argv[5]) : 64;

		if (len < 1 || len > MAXLEN) {
			fprintf(stderr, "udpflood: bad length\n");
			return 2;
		}
		return sender(argv[2], parse_port(argv[3]), atof(argv[4]), len);
	}
	fprintf(stderr, "usage: udpflood recv PORT SECONDS [WARMUP] | "
		"udpflood send ADDR PORT SECONDS [LEN]\n");
	return 2;
}
