// SPDX-License-Identifier: GPL-2.0
/*
 * rr: TCP request/response rate with 1-byte transactions, for make bench.
 *
 *   rr server PORT                 echo server: for every connection, read
 *                                  and write back whatever arrives, until EOF
 *   rr client ADDR PORT SECONDS    one connection: write 1 byte, read 1 byte,
 *                                  again, for SECONDS; prints one JSON line
 *                                  {"transactions":N,"seconds":S,"rate":R}
 *
 * Both ends set TCP_NODELAY, so every transaction is one segment each way
 * (and an ACK rides on the answer). The server prints "listening" on stderr
 * once it accepts connections. IPv4 only.
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

static void __attribute__((noreturn)) server(int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port) };
	int one = 1, fd, c;

	signal(SIGCHLD, SIG_IGN);	/* no zombies */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)))
		die("bind");
	if (listen(fd, 16))
		die("listen");
	fprintf(stderr, "rr: listening on port %d\n", port);
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

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "server"))
		server(parse_port(argv[2]));
	if (argc == 5 && !strcmp(argv[1], "client"))
		return client(argv[2], parse_port(argv[3]), atof(argv[4]));
	fprintf(stderr, "usage: rr server PORT | rr client ADDR PORT SECONDS\n");
	return 2;
}
