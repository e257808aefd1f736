// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvctl: configure nvo overlay devices.
 *
 * nvctl [-j] [-p] [-n NETNS] [-V] [-h] OBJECT COMMAND ...
 * nvctl [-j] [-p] [-n NETNS] [-f] -b FILE
 */
#define _GNU_SOURCE		/* setns() */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nvctl.h"

#define NVCTL_VERSION	"0.1"

static const char usage[] =
	"Usage: nvctl [-j] [-p] [-n NETNS] [-V] [-h] OBJECT COMMAND ...\n"
	"       nvctl [-j] [-p] [-n NETNS] [-f] -b FILE\n"
	"\n"
	"  nvctl link add NAME [LINK_OPTS] [up|down]\n"
	"  nvctl link set NAME [up|down] [LINK_OPTS]\n"
	"  nvctl link del NAME\n"
	"  nvctl link show [NAME]\n"
	"  nvctl vni add DEV vni N [encap vxlan|geneve] [VNI_LIMITS] [VNI_NEIGH]\n"
	"                [tenant T]\n"
	"  nvctl vni set DEV vni N [encap vxlan|geneve|default] [VNI_LIMITS]\n"
	"                [VNI_NEIGH] [tenant T|none]\n"
	"  nvctl vni del DEV vni N\n"
	"  nvctl vni show DEV [vni N]\n"
	"  nvctl port add DEV dev IFNAME vni N [id N] [PORT_SG]\n"
	"  nvctl port set [DEV] dev IFNAME [PORT_SG] [dhcp PORT_DHCP|off]\n"
	"  nvctl port del DEV dev IFNAME\n"
	"  nvctl port show DEV [vni N]\n"
	"  nvctl fdb {add|replace} DEV vni N mac MAC {remote ADDR [sg GROUP[,GROUP...]] |\n"
	"                                            dev IFNAME}\n"
	"  nvctl fdb del DEV vni N mac MAC\n"
	"  nvctl fdb show DEV [vni N]\n"
	"  nvctl flood {add|del} DEV vni N remote ADDR\n"
	"  nvctl flood show DEV [vni N]\n"
	"  nvctl neigh {add|replace} DEV vni N ip ADDR mac MAC\n"
	"  nvctl neigh del DEV vni N ip ADDR\n"
	"  nvctl neigh show DEV [vni N]\n"
	"  nvctl sg add DEV id N [name SG_NAME]\n"
	"  nvctl sg set DEV id N name SG_NAME\n"
	"  nvctl sg del DEV GROUP\n"
	"  nvctl sg show DEV [GROUP]\n"
	"  nvctl sg flush-conns DEV\n"
	"  nvctl sg rule add DEV GROUP [id N] RULE\n"
	"  nvctl sg rule del DEV GROUP id N\n"
	"  nvctl sg rule show DEV [GROUP]\n"
	"  nvctl acl add DEV vni N prio P allow|deny ACL_MATCH\n"
	"  nvctl acl del DEV vni N prio P\n"
	"  nvctl acl show DEV [vni N]\n"
	"  nvctl router add DEV id N tenant T\n"
	"  nvctl router del DEV id N\n"
	"  nvctl router show DEV\n"
	"  nvctl router if add DEV router N vni N mac MAC RIF_ADDR [RIF_ADDR]\n"
	"  nvctl router if del DEV router N vni N\n"
	"  nvctl router if show DEV\n"
	"  nvctl route {add|replace} DEV router N ROUTE_PREFIX via ADDR\n"
	"  nvctl route del DEV router N ROUTE_PREFIX\n"
	"  nvctl route show DEV [router N]\n"
	"  nvctl show [DEV]\n"
	"  nvctl stats [DEV]\n"
	"  nvctl help\n"
	"\n"
	"LINK_OPTS := [local ADDR] [local ADDR] [encap vxlan|geneve]\n"
	"             [dstport PORT] [geneve-port PORT] [ttl N|inherit]\n"
	"             [tos N|inherit] [udpcsum on|off] [udp6zerocsumtx on|off]\n"
	"             [udp6zerocsumrx on|off] [srcport MIN MAX]\n"
	"             [geneve-port-id on|off] [gbp on|off] [learning on|off]\n"
	"             [ageing SECONDS]\n"
	"             [max-vnis N] [max-fdb N] [max-learned N] [max-conns N]\n"
	"VNI_LIMITS := [max-fdb N] [max-learned N] [max-neigh N]\n"
	"VNI_NEIGH := [neigh-unknown flood|drop] [neigh-learn on|off]\n"
	"ADDR is an IPv4 or IPv6 address; \"local\" may be given once for each.\n"
	"PORT_SG := [sg SG[,SG...]|none] [port-security on|off]\n"
	"PORT_DHCP := addr IP4[/LEN] [gw IP4] [dns IP4[,IP4...]] [domain NAME]\n"
	"             [mtu N] [lease SECONDS] [route DST[/LEN],GW]...\n"
	"IP4, DST and GW are IPv4 addresses (DST may be \"default\"); PORT_SG may\n"
	"follow PORT_DHCP.\n"
	"SG := SG_NAME | N (a security group, by name or id)\n"
	"GROUP := SG | id N\n"
	"RULE := ingress|egress [ipv4|ipv6] [proto PROTO] [port P[-Q]]\n"
	"        [icmp-type T [icmp-code C]] [remote ADDR[/LEN] | remote-group SG]\n"
	"ACL_MATCH := [ingress|egress] [ipv4|ipv6] [proto PROTO] [port P[-Q]]\n"
	"             [src ADDR[/LEN]] [dst ADDR[/LEN]]\n"
	"PROTO := tcp|udp|icmp|icmpv6|sctp|udplite|dccp|any|N\n"
	"RIF_ADDR := addr ADDR[/LEN] (a gateway address; one IPv4, one IPv6)\n"
	"ROUTE_PREFIX := ADDR[/LEN] | default (of the family of \"via\")\n"
	"\n"
	"NAME and DEV may be preceded by \"dev\": \"dev NAME\" takes any name,\n"
	"even a keyword.\n"
	"\n"
	"Options:\n"
	"  -j, --json          JSON output\n"
	"  -p, --pretty        indented JSON output\n"
	"  -n, --netns NETNS   act in the network namespace /run/netns/NETNS\n"
	"  -b, --batch FILE    run the commands of FILE (\"-\": stdin), one a line\n"
	"  -f, --force         with -b, go on after a line that fails\n"
	"  -V, --version       print the version\n"
	"  -h, --help          print this help\n";

const char *nvctl_where;

/*
 * "Error: MSG", or in a batch "nvctl: FILE:LINE: MSG", which names the
 * line as a compiler names a line of source; warnings say "Warning: ".
 */
static void report(bool warning, const char *fmt, va_list ap)
{
	if (nvctl_where)
		fprintf(stderr, "nvctl: %s: %s", nvctl_where,
			warning ? "Warning: " : "");
	else
		fputs(warning ? "Warning: " : "Error: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void nvctl_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(false, fmt, ap);
	va_end(ap);
}

static void nvctl_warning(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static void nvctl_warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(true, fmt, ap);
	va_end(ap);
}

int usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(false, fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

/* The namespace of "-n NAME", from ip netns add: a file in /run/netns. */
static void netns_enter(const char *name)
{
	char path[sizeof("/run/netns/") + NAME_MAX];
	int fd;

	snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWNET)) {
		nvctl_error("cannot enter network namespace \"%s\": %s", name,
			    strerror(errno));
		exit(EXIT_RUNTIME);
	}
	close(fd);
}

/*
 * The libnvo handle, opened on first use: commands parse their arguments
 * first, so usage errors and help need neither the namespace nor sockets.
 * Nothing has been printed when this runs, so a failure can end nvctl.
 */
struct nvo *nvctl_nvo(struct nvctl *c)
{
	if (c->h)
		return c->h;
	if (c->netns)
		netns_enter(c->netns);
	c->h = nvo_open();
	if (!c->h) {
		nvctl_error("cannot open netlink sockets: %s", strerror(errno));
		exit(EXIT_RUNTIME);
	}
	return c->h;
}

/*
 * The exit status for the return value of a libnvo call, its message
 * printed: negative, libnvo's error; positive, a walk callback of nvctl
 * ran out of memory. The kernel's warning, if any, comes first.
 */
int nvctl_status(struct nvctl *c, int ret)
{
	const char *msg;

	if (*nvo_warning(c->h))
		nvctl_warning("%s", nvo_warning(c->h));
	if (!ret)
		return 0;
	if (ret > 0) {
		msg = strerror(ENOMEM);
	} else {
		msg = nvo_errmsg(c->h);
		if (!*msg)
			msg = strerror(-ret);
	}
	nvctl_error("%s", msg);
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
	{ "neigh", neigh_cmds, NULL },
	{ "sg", sg_cmds, NULL },
	{ "acl", acl_cmds, NULL },
	{ "router", router_cmds, NULL },
	{ "route", route_cmds, NULL },
	{ "show", NULL, cmd_show },
	{ "stats", NULL, cmd_stats },
	{ NULL, NULL, NULL },
};

/* argv: COMMAND ARGS... of object ("sg", "sg rule") */
int run_cmd(struct nvctl *c, const char *object, const struct cmd *cmds,
	    int argc, char **argv)
{
	const struct cmd *cmd;

	if (argc < 1)
		return usage_error("missing command for \"%s\", try \"nvctl help\"",
				   object);
	if (!strcmp(argv[0], "help"))
		return help();
	for (cmd = cmds; cmd->name && strcmp(cmd->name, argv[0]); cmd++)
		;
	if (!cmd->name)
		return usage_error("unknown command \"%s %s\", try \"nvctl help\"",
				   object, argv[0]);
	return cmd->run(c, argc - 1, argv + 1);
}

int nvctl_dispatch(struct nvctl *c, int argc, char **argv)
{
	const struct object *o;

	if (!strcmp(argv[0], "help"))
		return help();
	for (o = objects; o->name && strcmp(o->name, argv[0]); o++)
		;
	if (!o->name)
		return usage_error("unknown object \"%s\", try \"nvctl help\"",
				   argv[0]);
	if (!o->cmds)
		return o->run(c, argc - 1, argv + 1);
	return run_cmd(c, o->name, o->cmds, argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "netns", required_argument, NULL, 'n' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ "batch", required_argument, NULL, 'b' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	struct nvctl c = { NULL, NULL, false, false };
	const char *batch = NULL;
	bool force = false;
	int opt, ret;

	/* "+": options end at OBJECT, as with ip(8). */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:jpn:Vhb:f", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			c.json = true;
			break;
		case 'p':
			c.pretty = true;
			break;
		case 'n':
			if (!*optarg || strchr(optarg, '/') ||
			    !strcmp(optarg, ".") || !strcmp(optarg, "..") ||
			    strlen(optarg) > NAME_MAX)
				return usage_error("invalid network namespace name \"%s\"",
						   optarg);
			c.netns = optarg;
			break;
		case 'V':
			printf("nvctl %s (libnvo %s, nvo generic netlink version %d)\n",
			       NVCTL_VERSION, nvo_version(), NVO_GENL_VERSION);
			return 0;
		case 'h':
			return help();
		case 'b':
			batch = optarg;
			break;
		case 'f':
			force = true;
			break;
		case ':':
			return usage_error("option \"%s\" needs a value",
					   argv[optind - 1]);
		default:
			return usage_error("unknown option \"%s\", try \"nvctl help\"",
					   argv[optind - 1]);
		}
	}
	if (batch && optind < argc)
		return usage_error("\"%s\" after -b: the commands are in the file",
				   argv[optind]);
	if (!batch && optind == argc) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}

	if (batch)
		ret = nvctl_batch(&c, batch, force);
	else
		ret = nvctl_dispatch(&c, argc - optind, argv + optind);
	nvo_close(c.h);

	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "Error: cannot write output: %s\n",
			strerror(errno));
		return EXIT_RUNTIME;
	}
	return ret;
}
