// SPDX-License-Identifier: GPL-2.0
/*
 * rr: TCP request/response rate with 1-byte transactions, for make bench.
 *
 *   rr server PORT                 echo server: for every connection, read
 *                                  and write back whatever arrives, until EOF
 *   rr client ADDR PORT SECONDS    one connection: write 1 byte, read 1 byte,
 *                                  again, for SECONDS; prints one JSON line
 *                                  {"transactions":N,"seconds":S,"rate":R}
 *   rr crr-server PORT             for every connection in turn, in one
 *                                  process: read 1 byte, write it back, close
 *   rr crr ADDR PORT SECONDS       a new connection per transaction (netperf's
 *                                  TCP_CRR): connect, write 1 byte, read 1
 *                                  byte, close, again, for SECONDS; prints
 *                                  {"transactions":N,"seconds":S,"rate":R}
 *
 * Both ends set TCP_NODELAY, so every transaction is one segment each way
 * (and an ACK rides on the answer). The servers print "listening" on stderr
 * once they accept connections. IPv4 only.
 *
 * crr closes with SO_LINGER 0: a reset rather than a FIN, so that no socket
 * of either end stays in TIME_WAIT and a long run cannot run out of local
 * ports (a conntrack entry of a reset connection lives 10 s, state CLOSE,
 * where one closed with FINs lives 120 s in TIME_WAIT). The server closes
 * after its answer (its FIN crosses the client's reset), does not fork, and
 * serves one connection at a time: the client has one at a time. Every
 * socket operation of crr times out after 5 s (a connection a firewall
 * drops fails, rather than waiting for TCP's retries); any failure ends the
 * client with an error that says how many transactions were done.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what)
{
	fprintf(stderr, "rr: %s: %s\n", what, strerror(errno));
	exit(1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void nodelay(int fd)
{
	int one = 1;

	if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)))
		die("TCP_NODELAY");
}

/* Send and receive timeouts; connect() obeys the send timeout. */
static void timeouts(int fd, int secs)
{
	struct timeval tv = { .tv_sec = secs };

	if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)))
		die("SO_SNDTIMEO/SO_RCVTIMEO");
}

static int parse_port(const char *s)
{
	char *end;
	long p = strtol(s, &end, 10);

	if (*end || p < 1 || p > 65535) {
		fprintf(stderr, "rr: bad port %s\n", s);
		exit(2);
	}
	return p;
}

static void echo_loop(int fd)
{
	char buf[4096];
	ssize_t n, off, w;

	nodelay(fd);
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < n; off += w) {
			w = write(fd, buf + off, n - off);
			if (w <= 0)
				_exit(0);
		}
	}
	_exit(0);
}

static int listener(int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port) };
	int one = 1, fd;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)))
		die("bind");
	if (listen(fd, 128))
		die("listen");
	fprintf(stderr, "rr: listening on port %d\n", port);
	return fd;
}

static void __attribute__((noreturn)) server(int port)
{
	int fd, c;

	signal(SIGCHLD, SIG_IGN);	/* no zombies */
	fd = listener(port);
	for (;;) {
		c = accept(fd, NULL, NULL);
		if (c < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			die("accept");
		}
		switch (fork()) {
		case 0:
			close(fd);
			echo_loop(c);
			break;
		case -1:
			die("fork");
		}
		close(c);
	}
}

static int client(const char *addr, int port, double secs)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port) };
	unsigned long long n = 0;
	double start, end, t;
	char b = 'x';
	int fd, i;

	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1) {
		fprintf(stderr, "rr: bad IPv4 address %s\n", addr);
		return 2;
	}
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		die("socket");
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)))
		die("connect");
	nodelay(fd);
	start = now();
	end = start + secs;
	for (;;) {
		/* The clock is read every 16 transactions only. */
		for (i = 0; i < 16; i++) {
			if (write(fd, &b, 1) != 1)
				die("write");
			if (read(fd, &b, 1) != 1) {
				errno = errno ? errno : ECONNRESET;
				die("read");
			}
		}
		n += 16;
		t = now();
		if (t >= end)
			break;
	}
	close(fd);
	printf("{\"transactions\":%llu,\"seconds\":%.6f,\"rate\":%.1f}\n",
	       n, t - start, n / (t - start));
	return 0;
}

/*
 * One connection at a time; a client that misbehaves costs its connection
 * (5 s at most), never the server.
 */
static void __attribute__((noreturn)) crr_server(int port)
{
	int fd = listener(port), c;
	char b;

	signal(SIGPIPE, SIG_IGN);
	for (;;) {
		c = accept(fd, NULL, NULL);
		if (c < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			die("accept");
		}
		nodelay(c);
		timeouts(c, 5);
		if (read(c, &b, 1) == 1 && write(c, &b, 1) != 1)
			fprintf(stderr, "rr: crr-server: write: %s\n",
				strerror(errno));
		close(c);
	}
}

static int crr(const char *addr, int port, double secs)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port) };
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	unsigned long long n = 0;
	double start, end, t;
	const char *what;
	char b = 'x';
	int fd;

	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1) {
		fprintf(stderr, "rr: bad IPv4 address %s\n", addr);
		return 2;
	}
	start = now();
	end = start + secs;
	do {
		errno = 0;
		what = "socket";
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0)
			goto fail;
		timeouts(fd, 5);
		nodelay(fd);
		what = "SO_LINGER";
		if (setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)))
			goto fail;
		what = "connect";
		if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)))
			goto fail;
		what = "write";
		if (write(fd, &b, 1) != 1)
			goto fail;
		what = "read";
		if (read(fd, &b, 1) != 1)
			goto fail;
		close(fd);
		n++;
		t = now();
	} while (t < end);
	printf("{\"transactions\":%llu,\"seconds\":%.6f,\"rate\":%.1f}\n",
	       n, t - start, n / (t - start));
	return 0;
fail:
	/* read() returning 0 leaves errno 0: the server closed first. */
	fprintf(stderr, "rr: crr: %s: %s, after %llu transactions in %.1f s\n",
		what, errno ? strerror(errno) : "connection closed", n,
		now() - start);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "server"))
		server(parse_port(argv[2]));
	if (argc == 5 && !strcmp(argv[1], "client"))
		return client(argv[2], parse_port(argv[3]), atof(argv[4]));
	if (argc == 3 && !strcmp(argv[1], "crr-server"))
		crr_server(parse_port(argv[2]));
	if (argc == 5 && !strcmp(argv[1], "crr"))
		return crr(argv[2], parse_port(argv[3]), atof(argv[4]));
	fprintf(stderr, "usage: rr server PORT | rr client ADDR PORT SECONDS |\n"
		"       rr crr-server PORT | rr crr ADDR PORT SECONDS\n");
	return 2;
}
