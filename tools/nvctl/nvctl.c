// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvctl: configure nvo overlay devices.
 *
 * nvctl [-j] [-p] [-V] [-h] OBJECT COMMAND ...
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nvctl.h"

#define NVCTL_VERSION	"0.1"

static const char usage[] =
	"Usage: nvctl [-j] [-p] [-V] [-h] OBJECT COMMAND ...\n"
	"\n"
	"  nvctl link add NAME [local ADDR] [dstport PORT] [learning on|off]\n"
	"                      [ageing SECONDS] [up|down]\n"
	"  nvctl link set NAME [up|down] [local ADDR] [dstport PORT]\n"
	"                      [learning on|off] [ageing SECONDS]\n"
	"  nvctl link del NAME\n"
	"  nvctl vni {add|del} DEV vni N\n"
	"  nvctl vni show DEV [vni N]\n"
	"  nvctl port add DEV dev IFNAME vni N\n"
	"  nvctl port del DEV dev IFNAME\n"
	"  nvctl port show DEV [vni N]\n"
	"  nvctl fdb {add|replace} DEV vni N mac MAC {remote ADDR | dev IFNAME}\n"
	"  nvctl fdb del DEV vni N mac MAC\n"
	"  nvctl fdb show DEV [vni N]\n"
	"  nvctl flood {add|del} DEV vni N remote ADDR\n"
	"  nvctl flood show DEV [vni N]\n"
	"  nvctl show [DEV]\n"
	"  nvctl stats [DEV]\n"
	"  nvctl help\n"
	"\n"
	"Options:\n"
	"  -j, --json      JSON output\n"
	"  -p, --pretty    indented JSON output\n"
	"  -V, --version   print the version\n"
	"  -h, --help      print this help\n";

int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("Error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

/*
 * The exit status for the return value of a libnvo call, its message
 * printed: negative, libnvo's error; positive, a walk callback of nvctl
 * ran out of memory.
 */
int nvctl_status(struct nvctl *c, int ret)
{
	const char *msg;

	if (!ret)
		return 0;
	if (ret > 0) {
		msg = strerror(ENOMEM);
	} else {
		msg = nvo_errmsg(c->h);
		if (!*msg)
			msg = strerror(-ret);
	}
	fprintf(stderr, "Error: %s\n", msg);
	return EXIT_RUNTIME;
}

static int help(void)
{
	fputs(usage, stdout);
	return 0;
}

struct object {
	const char *name;
	const struct cmd *cmds;	/* NULL: the object is the command */
	int (*run)(struct nvctl *c, int argc, char **argv);
};

static const struct object objects[] = {
	{ "link", link_cmds, NULL },
	{ "vni", vni_cmds, NULL },
	{ "port", port_cmds, NULL },
	{ "fdb", fdb_cmds, NULL },
	{ "flood", flood_cmds, NULL },
	{ "show", NULL, cmd_show },
	{ "stats", NULL, cmd_stats },
	{ NULL, NULL, NULL },
};

static int dispatch(struct nvctl *c, int argc, char **argv)
{
	const struct object *o;
	const struct cmd *cmd;

	if (!strcmp(argv[0], "help"))
		return help();
	for (o = objects; o->name && strcmp(o->name, argv[0]); o++)
		;
	if (!o->name)
		return usage_error("unknown object \"%s\", try \"nvctl help\"",
				   argv[0]);
	if (!o->cmds)
		return o->run(c, argc - 1, argv + 1);
	if (argc < 2)
		return usage_error("missing command for \"%s\", try \"nvctl help\"",
				   o->name);
	if (!strcmp(argv[1], "help"))
		return help();
	for (cmd = o->cmds; cmd->name && strcmp(cmd->name, argv[1]); cmd++)
		;
	if (!cmd->name)
		return usage_error("unknown command \"%s %s\", try \"nvctl help\"",
				   o->name, argv[1]);
	return cmd->run(c, argc - 2, argv + 2);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct nvctl c = { NULL, false, false };
	int opt, ret;

	/* "+": options end at OBJECT, as with ip(8). */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+jpVh", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			c.json = true;
			break;
		case 'p':
			c.pretty = true;
			break;
		case 'V':
			printf("nvctl %s (nvo generic netlink version %d)\n",
			       NVCTL_VERSION, NVO_GENL_VERSION);
			return 0;
		case 'h':
			return help();
		default:
			return usage_error("unknown option \"%s\", try \"nvctl help\"",
					   argv[optind - 1]);
		}
	}
	if (optind == argc) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}

	/* Opening the sockets does not need nvo.ko: usage errors still win. */
	c.h = nvo_open();
	if (!c.h) {
		fprintf(stderr, "Error: cannot open netlink sockets: %s\n",
			strerror(errno));
		return EXIT_RUNTIME;
	}
	ret = dispatch(&c, argc - optind, argv + optind);
	nvo_close(c.h);

	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "Error: cannot write output: %s\n",
			strerror(errno));
		return EXIT_RUNTIME;
	}
	return ret;
}
