// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: sends random and mutated requests to nvo's generic netlink
 * family (and rtnetlink changes of nvo devices) in the current network
 * namespace, and checks after each one:
 *
 *  invariant  a request the kernel rejected (every message of the write
 *             answered with an error) left the configuration as it was;
 *  extack     every rejection that reached nvo (past the generic netlink
 *             core's own checks) carries an extended ACK message;
 *  unpriv     (--unpriv, run without CAP_NET_ADMIN) every mutating request
 *             is refused with EPERM and nothing ever changes;
 *  dumps      a dump that outlives a change of the device's tables
 *             flags NLM_F_DUMP_INTR after it (uapi/linux/nvo.h).
 *
 * The configuration is compared as text (snapshot.c). Before the first
 * request nlfuzz gives the first device security groups, rules, and ports
 * in groups (sec_setup()), DHCP bindings of two ports (dhcp_setup()),
 * neighbours, VNIs' neighbour settings and ACL entries
 * (vni_tables_setup()), and tenant routers with interfaces and static
 * routes (l3_setup()), which the setup scripts do not. Requests
 * come from a corpus of well-formed ones for every command (corpus.c)
 * through mutations (mutate.c); one in sixteen is a dump read partly and
 * then abandoned, interleaved with a change, or followed by another
 * request on the same socket, and now and then a device is deleted under
 * a half-read dump. Everything follows --seed: a run is repeated exactly
 * by its seed and count.
 *
 * Exit status: 0, or the sum of 1 (invariant, or a request the kernel
 * never answered), 2 (extack), 4 (unpriv), 8 (dumps) for the checks named
 * by --check that failed; 16 when the fuzzer itself could not run.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>
#include <linux/rtnetlink.h>

#include "nlfuzz.h"

#define CHECK_INVARIANT	1
#define CHECK_EXTACK	2
#define CHECK_UNPRIV	4
#define CHECK_DUMPS	8
#define MAX_BASE	2048
#define MAX_GROUPS	64
#define DESC_SIZE	(3 * MAX_WIRE + 512)

static uint64_t rng;

/* splitmix64: small, and the same sequence everywhere for a seed. */
uint64_t rnd(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static struct {
	uint64_t seed;
	long count;
	bool unpriv;
	int fill_vnis, fill_fdb;
	int restore_every;
	unsigned int checks;
	bool dumps_only;
	int verbose;
	const char *replay;
} opt = { .seed = 1, .count = 1000, .restore_every = 300,
	  .checks = CHECK_INVARIANT };

/* Rejections without a message, grouped by what was rejected. */
struct group {
	int bus, cmd, err;
	bool nvo;
	long n;
	char *example;
};

static struct {
	long sent, sendfail, accepted, rejected, mixed, timeouts;
	long invariant, documented, extack_nvo, extack_core, unpriv, dumps;
	long dump_runs, dump_checked, devdel;
	long rejected_nvo;
	int sendfail_err;
	struct group groups[MAX_GROUPS];
	int ngroups;
	/* single generic netlink messages by command: accepted, rejected */
	long by_cmd[NVO_CMD_MAX + 1][2];
} st;

static struct nls g, r;
static struct world w;
static struct fmsg base[MAX_BASE];
static int nbase;
static struct snap base_snap, cur;
static uint32_t seq = 1000;
static char desc[DESC_SIZE];

static void die(const char *what, int err)
{
	printf("nlfuzz: %s: %s\n", what, strerror(-err));
	exit(16);
}

/*
 * Whether a rejected write got past the generic netlink core (a known
 * family and command with a doit or dumpit for the request's kind) into
 * nvo's policy and handlers; for rtnetlink, whether only the nvo settings
 * inside IFLA_INFO_DATA were garbled. The core's own rejections (unknown
 * command, no doit) have no message, and nvo cannot give them one.
 */
static bool reached_nvo(const struct wire *x, int err, bool dump_running)
{
	const struct nlmsghdr *nlh = (const void *)x->b;
	uint32_t ops;
	uint8_t cmd;
	bool dump;

	/* rtnetlink's own: no capability, or the name to create is taken */
	if (x->bus == BUS_RTNL)
		return x->deep && err != -EPERM && err != -EEXIST;
	if (x->len < NLMSG_HDRLEN + GENL_HDRLEN ||
	    nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN ||
	    nlh->nlmsg_type != w.family)
		return false;
	cmd = x->b[NLMSG_HDRLEN];
	ops = w.ops[cmd];
	dump = (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	/* one dump at a time per socket (__netlink_dump_start()) */
	if (dump && dump_running && err == -EBUSY)
		return false;
	return dump ? ops & GENL_CMD_CAP_DUMP : ops & GENL_CMD_CAP_DO;
}

static void group_add(const struct wire *x, int err, bool nvo)
{
	int cmd = x->bus == BUS_GENL && x->len > NLMSG_HDRLEN ?
		  x->b[NLMSG_HDRLEN] : -1;
	struct group *gr;
	int i;

	for (i = 0; i < st.ngroups; i++) {
		gr = &st.groups[i];
		if (gr->bus == x->bus && gr->cmd == cmd && gr->err == err &&
		    gr->nvo == nvo) {
			gr->n++;
			return;
		}
	}
	if (st.ngroups == MAX_GROUPS)
		return;
	gr = &st.groups[st.ngroups++];
	*gr = (struct group){ .bus = x->bus, .cmd = cmd, .err = err,
			      .nvo = nvo, .n = 1 };
	describe(&w, x, desc, sizeof(desc));
	gr->example = strdup(desc);
}

static void show(const char *why, const struct wire *x, const struct answer *a)
{
	int i;

	describe(&w, x, desc, sizeof(desc));
	printf("nlfuzz: %s\n    request: %s\n    answer:", why, desc);
	for (i = 0; i < a->nerr && i < MAX_ERRS; i++)
		printf(" %s%s", strerror(-a->err[i]), a->msg[i] ? "" : " (no message)");
	printf("%s%s%s acks %d, replies %d\n", a->text[0] ? " \"" : "", a->text,
	       a->text[0] ? "\"" : "", a->nack, a->ndata);
	printf("    REPRO %s %s\n", x->bus == BUS_GENL ? "genl" : "rtnl",
	       strstr(desc, "hex ") + 4);
}

/*
 * IFLA_IFNAME @a of a request for ifindex @ifindex: the device's own name
 * (or, with no ifindex, the name that identifies it), which do_setlink()
 * may still refuse after nvo's settings (a device that is up cannot be
 * "renamed" even to its name), rather than a rename, which nvo refuses up
 * front.
 */
static bool rtnl_own_name(const struct nlattr *a, int ifindex)
{
	const char *s = (const char *)a + NLA_HDRLEN;
	size_t len = a->nla_len - NLA_HDRLEN;
	char own[IF_NAMESIZE];

	if (ifindex <= 0)
		return true;
	if (!if_indextoname(ifindex, own))
		return false;
	return strnlen(s, len) == strlen(own) && !memcmp(s, own, strlen(own));
}

/*
 * What an rtnetlink write asks besides nvo's settings: 0 nothing, 1 only
 * the device's own name or flag changes, 2 other generic attributes.
 * __rtnl_newlink() applies those (do_setlink()) after ops->changelink(),
 * and may fail there; for an open that fails and a "rename" to the name it
 * has, Documentation/netlink.rst says so (an exception to "a rejected
 * request changes nothing"), the rest nvo refuses up front.
 */
static int rtnl_generic(const struct wire *x)
{
	const struct nlmsghdr *nlh = (const void *)x->b;
	const struct ifinfomsg *ifi = (const void *)(x->b + NLMSG_HDRLEN);
	size_t off = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(*ifi)), end;
	int what = 0;

	if (x->bus != BUS_RTNL || x->len < off || nlh->nlmsg_len < off)
		return 0;
	if (ifi->ifi_change)
		what = 1;
	end = nlh->nlmsg_len < x->len ? nlh->nlmsg_len : x->len;
	while (off + 4 <= end) {
		const struct nlattr *a = (const void *)(x->b + off);
		int t = a->nla_type & NLA_TYPE_MASK;

		if (a->nla_len < 4)
			break;
		if (t == IFLA_IFNAME && rtnl_own_name(a, ifi->ifi_index))
			what = what ?: 1;
		else if (t == IFLA_IFNAME)
			return 2;
		else if (t != IFLA_LINKINFO && t != IFLA_ADDRESS)
			return 2;
		off += NLA_ALIGN(a->nla_len);
	}
	return what;
}

/* Which commands get through, and how often: what the corpus reaches. */
static void count_cmd(const struct wire *x, int nproc, bool rejected,
		      bool accepted)
{
	uint8_t cmd;

	if (x->bus != BUS_GENL || nproc != 1 ||
	    x->len < NLMSG_HDRLEN + GENL_HDRLEN)
		return;
	cmd = x->b[NLMSG_HDRLEN];
	if (cmd > NVO_CMD_MAX || (!rejected && !accepted))
		return;
	st.by_cmd[cmd][rejected]++;
}

/*
 * One write to the kernel and every check that applies to it. Returns
 * whether the write was accepted (every message, no error).
 */
static bool fuzz_one(struct nls *s, struct wire *x, bool mutating)
{
	struct snap now = { 0 };
	struct answer a;
	bool rejected, dump_running = s->other_seq && s->other_open;
	int nproc, i, err;

	st.sent++;
	err = nls_xchg(s, x, &a);
	if (err && !a.timeout) {
		/* The kernel did not take it (too long a write, say). */
		st.sendfail++;
		st.sendfail_err = err;
		if (opt.verbose)
			printf("nlfuzz: write refused: %s\n", strerror(-err));
		return false;
	}
	wire_walk(x, &nproc);
	rejected = a.nerr > 0 && a.nerr >= nproc && !a.nack && !a.ndata &&
		   !a.timeout;
	if (a.timeout) {
		st.timeouts++;
		show("no answer within 30 s", x, &a);
	} else if (rejected) {
		st.rejected++;
	} else if (!a.nerr) {
		st.accepted++;
	} else {
		st.mixed++;
	}
	if (opt.verbose > 1 || (opt.verbose && rejected))
		show(rejected ? "rejected" : "answered", x, &a);
	count_cmd(x, nproc, rejected, !a.nerr && !a.timeout);

	for (i = 0; i < a.nerr && i < MAX_ERRS; i++) {
		bool nvo = nproc == 1 && reached_nvo(x, a.err[i], dump_running);

		st.rejected_nvo += nvo;
		if (a.msg[i])
			continue;
		if (nvo)
			st.extack_nvo++;
		else
			st.extack_core++;
		group_add(x, a.err[i], nvo);
	}

	if (opt.unpriv && x->pristine && mutating &&
	    (a.nerr != 1 || a.err[0] != -EPERM || a.nack || a.ndata)) {
		st.unpriv++;
		show("unprivileged: a mutating request was not refused with EPERM",
		     x, &a);
	}

	err = snap_take(&g, &r, &w, &now);
	if (err)
		die("cannot read the configuration", err);
	if (rejected && !snap_equal(&cur, &now) && rtnl_generic(x) == 1) {
		st.documented++;
		show("a rejected flag change (or own name) kept nvo's settings (documented)",
		     x, &a);
	} else if (rejected && !snap_equal(&cur, &now)) {
		st.invariant++;
		show("INVARIANT: a rejected request changed the configuration", x, &a);
		if (rtnl_generic(x))
			printf("    (rtnetlink: the request also asks for generic link changes, which do_setlink() makes, or refuses, after nvo's changelink)\n");
		snap_diff(&cur, &now);
	}
	if (opt.unpriv && !snap_equal(&base_snap, &now)) {
		st.unpriv++;
		show("unprivileged: the configuration changed", x, &a);
		snap_diff(&base_snap, &now);
	}
	snap_free(&cur);
	cur = now;
	return !a.nerr && !a.timeout && nproc > 0;
}

static void send_msg(struct nls *s, const struct fmsg *m, struct answer *a)
{
	static struct wire x;

	serialize(&w, m, &x, seq++);
	if (nls_xchg(s, &x, a))
		a->nerr = 1, a->err[0] = -EIO;
}

/* A request of the fuzzer's own setup, to the device IFINDEX. */
static void setup_msg(struct fmsg *m, uint8_t cmd, int ifindex)
{
	memset(m, 0, sizeof(*m));
	m->bus = BUS_GENL;
	m->cmd = cmd;
	m->version = NVO_GENL_VERSION;
	m->flags = NLM_F_REQUEST | NLM_F_ACK;
	put_u32(m, NVO_A_IFINDEX, ifindex);
}

/* Sends it; it must succeed (or find its object there). */
static void setup_send(const struct fmsg *m, const char *what)
{
	struct answer a;

	send_msg(m->bus == BUS_GENL ? &g : &r, m, &a);
	if (a.nerr && a.err[0] != -EEXIST) {
		printf("nlfuzz: %s: %s (%s)\n", what, strerror(-a.err[0]), a.text);
		exit(16);
	}
}

/* Fills the first device with VNIs, FDB entries and flood remotes, half as
 * many neighbours and a quarter as many ACL entries: dumps of a few parts
 * (fill_sec() and fill_routes() add to it).
 */
static void fill(void)
{
	struct fmsg m;
	int i;

	for (i = 0; i < opt.fill_vnis + opt.fill_fdb; i++) {
		uint8_t mac[6] = { 0x02, 0xfa, 0, 0, i >> 8, i };
		uint32_t ip = htonl(0x0a630002 + i % 200);

		if (i < opt.fill_vnis) {
			setup_msg(&m, NVO_CMD_VNI_NEW, w.dev_ifindex[0]);
			put_u32(&m, NVO_A_VNI, 5000 + i);
		} else {
			setup_msg(&m, i % 7 ? NVO_CMD_FDB_NEW : NVO_CMD_FLOOD_NEW,
				  w.dev_ifindex[0]);
			put_u32(&m, NVO_A_VNI, 5000 + i % opt.fill_vnis);
			if (m.cmd == NVO_CMD_FDB_NEW)
				put_bin(&m, NVO_A_MAC, mac, 6);
			put_bin(&m, NVO_A_REMOTE_IP4, &ip, 4);
		}
		setup_send(&m, "filling the tables");
	}
	/* neighbours of both families, and ACL entries in a few VNIs */
	for (i = 0; i < opt.fill_fdb / 2; i++) {
		uint8_t mac[6] = { 0x02, 0xfd, 0, 0, i >> 8, i };
		uint8_t ip6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0x0f };
		uint32_t ip = htonl(0x0a010000 + i);

		setup_msg(&m, NVO_CMD_NEIGH_NEW, w.dev_ifindex[0]);
		put_u32(&m, NVO_A_VNI, 5000 + i % opt.fill_vnis);
		ip6[14] = i >> 8;
		ip6[15] = i;
		if (i % 3)
			put_bin(&m, NVO_A_IP4, &ip, 4);
		else
			put_bin(&m, NVO_A_IP6, ip6, 16);
		put_bin(&m, NVO_A_MAC, mac, 6);
		setup_send(&m, "filling the neighbour tables");
	}
	for (i = 0; i < opt.fill_fdb / 4; i++) {
		uint32_t src = htonl(0x0a000000 + (i << 8));

		setup_msg(&m, NVO_CMD_ACL_NEW, w.dev_ifindex[0]);
		put_u32(&m, NVO_A_VNI, 5000 + i % (opt.fill_vnis < 4 ? opt.fill_vnis : 4));
		put_u32(&m, NVO_A_ACL_PRIO, 1000 + i);
		put_u8(&m, NVO_A_ACL_ACTION, NVO_ACL_ALLOW + i % 2);
		put_u8(&m, NVO_A_RULE_DIR, NVO_RULE_INGRESS + i / 2 % 2);
		put_u16(&m, NVO_A_RULE_ETHERTYPE, 0x0800);
		put_u8(&m, NVO_A_RULE_PROTO, i % 3 ? IPPROTO_TCP : IPPROTO_UDP);
		put_u16(&m, NVO_A_RULE_PORT_MIN, 1000 + i);
		put_bin(&m, NVO_A_ACL_SRC_IP4, &src, 4);
		put_u8(&m, NVO_A_ACL_SRC_PREFIX, 24);
		setup_send(&m, "filling the ACLs");
	}
}

/*
 * ... and a router of its own (FILL_ROUTER), with an interface of both
 * families on the first of those VNIs and three quarters as many static
 * routes as FDB entries, two IPv4 ones to an IPv6 one (about 60 and 85
 * bytes): a route dump of several parts.
 */
static void fill_routes(void)
{
	uint8_t gw6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0x64, [15] = 1 };
	uint8_t mac[6] = { 0x02, 0xfe, 0, 0, 0, 1 };
	uint32_t gw4 = htonl(0x64400001);	/* 100.64.0.1/16 */
	int dev = w.dev_ifindex[0], i;
	struct fmsg m;

	setup_msg(&m, NVO_CMD_VNI_SET, dev);
	put_u32(&m, NVO_A_VNI, 5000);
	put_u16(&m, NVO_A_TENANT, FILL_TENANT);
	setup_send(&m, "giving a VNI a router's tenant");
	setup_msg(&m, NVO_CMD_ROUTER_NEW, dev);
	put_u32(&m, NVO_A_ROUTER_ID, FILL_ROUTER);
	put_u16(&m, NVO_A_TENANT, FILL_TENANT);
	setup_send(&m, "making a router");
	setup_msg(&m, NVO_CMD_RIF_NEW, dev);
	put_u32(&m, NVO_A_ROUTER_ID, FILL_ROUTER);
	put_u32(&m, NVO_A_VNI, 5000);
	put_bin(&m, NVO_A_MAC, mac, 6);
	put_bin(&m, NVO_A_IP4, &gw4, 4);
	put_u8(&m, NVO_A_PREFIX4, 16);
	put_bin(&m, NVO_A_IP6, gw6, 16);
	put_u8(&m, NVO_A_PREFIX6, 64);
	setup_send(&m, "making a router interface");
	for (i = 0; i < opt.fill_fdb * 3 / 4; i++) {
		/* 11.I.0/24 via 100.64.1.X; 2001:db8:f0:I::/64 via
		 * 2001:db8:64::X
		 */
		uint8_t ip6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0xf0, i >> 8, i };
		uint32_t ip = htonl(0x0b000000 + (i << 8));
		uint32_t via = htonl(0x64400100 + 2 + i % 250);

		setup_msg(&m, NVO_CMD_ROUTE_NEW, dev);
		put_u32(&m, NVO_A_ROUTER_ID, FILL_ROUTER);
		if (i % 3) {
			put_bin(&m, NVO_A_IP4, &ip, 4);
			put_u8(&m, NVO_A_PREFIX4, 24);
			put_bin(&m, NVO_A_VIA4, &via, 4);
		} else {
			put_bin(&m, NVO_A_IP6, ip6, 16);
			put_u8(&m, NVO_A_PREFIX6, 64);
			gw6[15] = 2 + i % 250;
			put_bin(&m, NVO_A_VIA6, gw6, 16);
		}
		setup_send(&m, "filling the routes");
	}
}

/*
 * ... and with security groups and rules, enough for their dumps to come
 * in three parts, so that a change between parts shows (about 70 bytes a
 * group, 90 a rule; a part is 4 kB, then 8 kB): FILL_SG holds the rules,
 * of both families and directions, on single ports (the packet path's
 * index) and ranges, some with a remote prefix.
 */
static void fill_sec(void)
{
	int i, ngroups = opt.fill_vnis * 5, nrules = opt.fill_fdb / 2;
	int dev = w.dev_ifindex[0];
	struct fmsg m;
	char name[NVO_SG_NAME_LEN];

	for (i = 0; i <= ngroups && i < FILL_SG_MAX; i++) {
		setup_msg(&m, NVO_CMD_SG_NEW, dev);
		put_u16(&m, NVO_A_SG_ID, FILL_SG + i);
		snprintf(name, sizeof(name), "fill-%d", i);
		put_str(&m, NVO_A_SG_NAME, i ? name : "bulk");
		setup_send(&m, "filling the security groups");
	}
	for (i = 0; i < nrules; i++) {
		static const uint8_t doc6[] = { 0x20, 0x01, 0x0d, 0xb8 };
		bool v6 = i / 2 % 2;
		uint8_t ip[16] = { 0 };

		setup_msg(&m, NVO_CMD_RULE_NEW, dev);
		put_u16(&m, NVO_A_SG_ID, FILL_SG);
		put_u8(&m, NVO_A_RULE_DIR, NVO_RULE_INGRESS + i % 2);
		put_u16(&m, NVO_A_RULE_ETHERTYPE, v6 ? 0x86dd : 0x0800);
		put_u8(&m, NVO_A_RULE_PROTO, i % 3 ? IPPROTO_TCP : IPPROTO_UDP);
		put_u16(&m, NVO_A_RULE_PORT_MIN, 1000 + i);
		if (i % 4 == 3)
			put_u16(&m, NVO_A_RULE_PORT_MAX, 2000 + i);
		if (i % 5 == 0) {
			/* 10.I.0.0/16, 2001:db8:I::/48 */
			if (v6) {
				memcpy(ip, doc6, 4);
				ip[5] = i;
			} else {
				ip[0] = 10;
				ip[1] = i;
			}
			put_bin(&m, v6 ? NVO_A_RULE_REMOTE_IP6 : NVO_A_RULE_REMOTE_IP4,
				ip, v6 ? 16 : 4);
			put_u8(&m, NVO_A_RULE_REMOTE_PREFIX, v6 ? 48 : 16);
		}
		setup_send(&m, "filling the rules");
	}
}

/*
 * The security configuration nlfuzz gives the first device, so that
 * deletes, dumps and port changes find something to act on: groups with
 * rules of both families (ports, ICMP, remote prefixes, remote groups:
 * other groups, whose deletion is then refused, and the rule's own), a
 * group with none, the largest id, explicit rule ids; a port firewalled
 * by two groups, in a VNI with a tenant (which a firewalled port needs);
 * another port in a group with port security off; a port-less VNI with
 * the largest tenant; VXLAN-GBP on the second device.
 */
#define IN	NVO_RULE_INGRESS
#define OUT	NVO_RULE_EGRESS
#define V4	0x0800
#define V6	0x86dd

static const struct sg_spec {
	uint16_t id;
	const char *name;	/* NULL: none */
} sec_groups[] = {
	{ 1, "web" }, { 2, "db" }, { 3, "ops" }, { 7, NULL }, { 65535, "edge" },
};

static const struct rule_spec {
	uint16_t sg;
	uint32_t id;		/* 0: the next */
	uint8_t dir;
	uint16_t ethertype;
	uint8_t proto;
	const char *ports;	/* "PORT" or "MIN-MAX" */
	const char *icmp;	/* "TYPE" or "TYPE/CODE" */
	const char *remote;	/* "ADDRESS/LENGTH" */
	uint16_t remote_sg;
} sec_rules[] = {
	{ 1, 0, IN, V4, IPPROTO_TCP, "80", NULL, NULL, 0 },
	{ 1, 0, IN, V4, IPPROTO_TCP, "443", NULL, "0.0.0.0/0", 0 },
	{ 1, 0, IN, V6, IPPROTO_TCP, "8000-8080", NULL, "2001:db8::/32", 0 },
	{ 1, 0, OUT, V4, 0, NULL, NULL, NULL, 0 },
	{ 1, 0, OUT, V6, 0, NULL, NULL, NULL, 0 },
	{ 1, 0, IN, V4, IPPROTO_ICMP, NULL, "8/0", NULL, 0 },
	{ 1, 0, IN, V6, IPPROTO_ICMPV6, NULL, "128", NULL, 0 },
	{ 2, 0, IN, V4, IPPROTO_TCP, "5432", NULL, NULL, 1 },
	{ 2, 0, IN, V6, IPPROTO_UDP, "53", NULL, NULL, 2 },
	{ 2, 0, IN, V4, IPPROTO_UDP, "1000-2000", NULL, "10.0.0.0/8", 0 },
	{ 3, 0, IN, V4, IPPROTO_TCP, "22", NULL, "192.0.2.0/24", 0 },
	{ 3, 0, OUT, V6, IPPROTO_SCTP, "1-65535", NULL, NULL, 0 },
	{ 65535, 100, IN, V4, IPPROTO_GRE, NULL, NULL, NULL, 3 },
	{ 65535, 1000, OUT, V6, IPPROTO_DCCP, "0", NULL, "2001:db8:99::2/128", 0 },
};

#undef IN
#undef OUT
#undef V4
#undef V6

static void rule_spec_msg(const struct rule_spec *s, int dev, struct fmsg *m)
{
	unsigned int lo, hi, type, code, len;
	uint8_t ip[16];
	char addr[64];
	bool v6;

	setup_msg(m, NVO_CMD_RULE_NEW, dev);
	put_u16(m, NVO_A_SG_ID, s->sg);
	if (s->id)
		put_u32(m, NVO_A_RULE_ID, s->id);
	put_u8(m, NVO_A_RULE_DIR, s->dir);
	put_u16(m, NVO_A_RULE_ETHERTYPE, s->ethertype);
	if (s->proto)
		put_u8(m, NVO_A_RULE_PROTO, s->proto);
	switch (s->ports ? sscanf(s->ports, "%u-%u", &lo, &hi) : 0) {
	case 2:
		put_u16(m, NVO_A_RULE_PORT_MAX, hi);
		/* fall through */
	case 1:
		put_u16(m, NVO_A_RULE_PORT_MIN, lo);
	}
	switch (s->icmp ? sscanf(s->icmp, "%u/%u", &type, &code) : 0) {
	case 2:
		put_u8(m, NVO_A_RULE_ICMP_CODE, code);
		/* fall through */
	case 1:
		put_u8(m, NVO_A_RULE_ICMP_TYPE, type);
	}
	if (s->remote && sscanf(s->remote, "%63[^/]/%u", addr, &len) == 2) {
		v6 = strchr(addr, ':');
		inet_pton(v6 ? AF_INET6 : AF_INET, addr, ip);
		put_bin(m, v6 ? NVO_A_RULE_REMOTE_IP6 : NVO_A_RULE_REMOTE_IP4,
			ip, v6 ? 16 : 4);
		put_u8(m, NVO_A_RULE_REMOTE_PREFIX, len);
	}
	if (s->remote_sg)
		put_u16(m, NVO_A_RULE_REMOTE_SG, s->remote_sg);
}

/* The first device's first two ports and VNIs, and a VNI without ports. */
struct sec_arg {
	int nports;
	uint32_t port[2], port_vni[2];
	uint32_t free_vni;
	bool have_free;
};

static int sec_port_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct sec_arg *sa = arg;
	const struct nlattr *a;

	if (sa->nports == 2)
		return 0;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) == NVO_A_PORT_IFINDEX)
			sa->port[sa->nports] = mnl_attr_get_u32(a);
		else if (mnl_attr_get_type(a) == NVO_A_VNI)
			sa->port_vni[sa->nports] = mnl_attr_get_u32(a);
	}
	sa->nports++;
	return 0;
}

static int sec_vni_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct sec_arg *sa = arg;
	const struct nlattr *a;
	uint32_t vni = 0, nports = 1;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) == NVO_A_VNI)
			vni = mnl_attr_get_u32(a);
		else if (mnl_attr_get_type(a) == NVO_A_PORT_COUNT)
			nports = mnl_attr_get_u32(a);
	}
	if (!nports && !sa->have_free) {
		sa->free_vni = vni;
		sa->have_free = true;
	}
	return 0;
}

static void sec_dump(uint8_t cmd, int (*cb)(const struct nlmsghdr *, void *),
		     struct sec_arg *sa)
{
	struct genlmsghdr gh = { .cmd = cmd, .version = NVO_GENL_VERSION };
	struct fattr dev = { .type = NVO_A_IFINDEX, .len = 4 };

	memcpy(dev.d, &w.dev_ifindex[0], 4);
	if (nls_dump(&g, w.family, NLM_F_DUMP, &gh, sizeof(gh), &dev, 1, cb, sa))
		die("cannot read the configuration", -EIO);
}

static void sec_port(int dev, uint32_t port, const uint16_t *ids, size_t n,
		     int security)
{
	struct fmsg m;

	setup_msg(&m, NVO_CMD_PORT_SET, dev);
	put_u32(&m, NVO_A_PORT_IFINDEX, port);
	put_bin(&m, NVO_A_SG_IDS, ids, n * sizeof(*ids));
	if (security >= 0)
		put_u8(&m, NVO_A_PORT_SECURITY, security);
	setup_send(&m, "giving a port security groups");
}

static void sec_tenant(int dev, uint32_t vni, uint16_t tenant)
{
	struct fmsg m;

	setup_msg(&m, NVO_CMD_VNI_SET, dev);
	put_u32(&m, NVO_A_VNI, vni);
	put_u16(&m, NVO_A_TENANT, tenant);
	setup_send(&m, "giving a VNI a tenant");
}

static void sec_setup(void)
{
	static const uint16_t web_db[] = { 1, 2 }, ops[] = { 3 };
	int dev = w.dev_ifindex[0];
	struct sec_arg sa = { 0 };
	struct fmsg m;
	size_t i;

	for (i = 0; i < sizeof(sec_groups) / sizeof(sec_groups[0]); i++) {
		setup_msg(&m, NVO_CMD_SG_NEW, dev);
		put_u16(&m, NVO_A_SG_ID, sec_groups[i].id);
		if (sec_groups[i].name)
			put_str(&m, NVO_A_SG_NAME, sec_groups[i].name);
		setup_send(&m, "making a security group");
	}
	for (i = 0; i < sizeof(sec_rules) / sizeof(sec_rules[0]); i++) {
		rule_spec_msg(&sec_rules[i], dev, &m);
		setup_send(&m, "making a security group rule");
	}
	sec_dump(NVO_CMD_PORT_GET, sec_port_cb, &sa);
	sec_dump(NVO_CMD_VNI_GET, sec_vni_cb, &sa);
	if (sa.nports > 0) {
		sec_tenant(dev, sa.port_vni[0], 10);
		sec_port(dev, sa.port[0], web_db, 2, -1);
	}
	if (sa.nports > 1)
		sec_port(dev, sa.port[1], ops, 1, 0);
	if (sa.have_free)
		sec_tenant(dev, sa.free_vni, 65535);
	memset(&m, 0, sizeof(m));
	m.bus = BUS_RTNL;
	m.flags = NLM_F_REQUEST | NLM_F_ACK;
	m.ifindex = w.dev_ifindex[w.ndevs > 1];
	put_u8(&m, IFLA_NVO_GBP, 1);
	setup_send(&m, "turning VXLAN-GBP on");
}

/*
 * DHCP bindings of the first device's first two ports: every attribute
 * (gateway, DNS servers, domain, MTU, lease, routes) on the first, the
 * address alone on the second; the corpus replaces and removes them, the
 * baseline brings them back.
 */
static void dhcp_setup(void)
{
	const uint32_t addr[2] = { htonl(0x0a00000a), htonl(0xc0a80164) };
	const uint32_t gw = htonl(0x0a000001), lease = 3600;
	const uint32_t dns[2] = { htonl(0x0a000035), htonl(0x08080808) };
	const struct nvo_dhcp_route rt[2] = {
		{ .dst = htonl(0x0a020000), .gw = gw, .prefix = 16 },
		{ .dst = 0, .gw = gw, .prefix = 0 },
	};
	const uint16_t mtu = 1450;
	const uint8_t plen = 24;
	struct sec_arg sa = { 0 };
	struct fattr nest;
	struct fmsg m;
	int i;

	sec_dump(NVO_CMD_PORT_GET, sec_port_cb, &sa);
	for (i = 0; i < sa.nports; i++) {
		memset(&nest, 0, sizeof(nest));
		nest_put(&nest, NVO_DHCP_ADDR, &addr[i], 4);
		if (!i) {
			nest_put(&nest, NVO_DHCP_PREFIX, &plen, 1);
			nest_put(&nest, NVO_DHCP_GW, &gw, 4);
			nest_put(&nest, NVO_DHCP_DNS, dns, sizeof(dns));
			nest_put(&nest, NVO_DHCP_DOMAIN, "tenant.example",
				 sizeof("tenant.example"));
			nest_put(&nest, NVO_DHCP_MTU, &mtu, 2);
			nest_put(&nest, NVO_DHCP_LEASE, &lease, 4);
			nest_put(&nest, NVO_DHCP_ROUTES, rt, sizeof(rt));
		}
		setup_msg(&m, NVO_CMD_PORT_SET, w.dev_ifindex[0]);
		put_u32(&m, NVO_A_PORT_IFINDEX, sa.port[i]);
		put_bin(&m, NVO_A_DHCP | NLA_F_NESTED, nest.d, nest.len);
		setup_send(&m, "giving a port a DHCP binding");
	}
}

/*
 * The per-VNI tables nlfuzz fills on the first device, in its first three
 * VNIs (VNI 0, 1, 2 below): static neighbours of both families (link-local
 * among them, an address in two VNIs), the neighbour settings (unknown
 * requests dropped; learning on; a table at its max-neigh), and ACL
 * entries of both families, both and either direction, with ports and
 * ranges, source and destination prefixes (0/0, a host), priorities 0 and
 * the largest, one that matches everything.
 */
static const struct neigh_spec {
	int vni;
	const char *ip;
	uint8_t mac;		/* 02:00:00:00:0V:MAC */
} vni_neighs[] = {
	{ 0, "10.0.0.1", 1 }, { 0, "10.0.0.2", 2 }, { 0, "2001:db8:1::1", 1 },
	{ 0, "fe80::1", 1 }, { 1, "10.0.0.1", 1 }, { 1, "fd00::2", 2 },
	{ 2, "192.0.2.10", 1 },
};

static const struct vni_neigh_spec {
	int vni;
	int unknown, learn;	/* -1: not given */
	uint32_t max;		/* 0: not given */
} vni_neigh_cfg[] = {
	{ 0, NVO_NEIGH_UNKNOWN_DROP, -1, 16 },
	{ 1, -1, 1, 0 },
	{ 2, NVO_NEIGH_UNKNOWN_FLOOD, 0, 1 },
};

#define IN	NVO_RULE_INGRESS
#define OUT	NVO_RULE_EGRESS
#define ALLOW	NVO_ACL_ALLOW
#define DENY	NVO_ACL_DENY
#define V4	0x0800
#define V6	0x86dd

static const struct acl_spec {
	int vni;
	uint32_t prio;
	uint8_t action, dir;	/* dir 0: both */
	uint16_t ethertype;	/* 0: both */
	uint8_t proto;
	const char *ports;	/* "PORT" or "MIN-MAX" */
	const char *src, *dst;	/* "ADDRESS/LENGTH" */
} vni_acls[] = {
	{ 0, 0, ALLOW, OUT, V4, IPPROTO_TCP, "1000-2000", "10.0.0.0/24", "10.0.1.0/24" },
	{ 0, 10, DENY, IN, V4, IPPROTO_TCP, "22", "192.0.2.0/24", NULL },
	{ 0, 20, ALLOW, OUT, V6, IPPROTO_UDP, "53", NULL, "2001:db8::/32" },
	{ 0, 30, DENY, 0, V4, 0, NULL, NULL, "10.0.0.5/32" },
	{ 0, 40, ALLOW, IN, V6, IPPROTO_ICMPV6, NULL, "fe80::/10", NULL },
	{ 0, 0xffffffff, DENY, 0, 0, 0, NULL, NULL, NULL },
	{ 1, 100, DENY, IN, V4, IPPROTO_SCTP, "1-65535", "0.0.0.0/0", "10.0.0.5/32" },
	{ 1, 200, ALLOW, 0, V6, IPPROTO_TCP, "443", "2001:db8:1::1/128", NULL },
};

#undef IN
#undef OUT
#undef ALLOW
#undef DENY
#undef V4
#undef V6

/* "ADDRESS/LENGTH" as attributes A4 or A6, and PLEN. */
static void spec_cidr(struct fmsg *m, const char *s, uint16_t a4, uint16_t a6,
		      uint16_t plen)
{
	unsigned int len;
	uint8_t ip[16];
	char addr[64];
	bool v6;

	if (!s || sscanf(s, "%63[^/]/%u", addr, &len) != 2)
		return;
	v6 = strchr(addr, ':');
	inet_pton(v6 ? AF_INET6 : AF_INET, addr, ip);
	put_bin(m, v6 ? a6 : a4, ip, v6 ? 16 : 4);
	put_u8(m, plen, len);
}

/* The first three VNIs of a device, and their tenants (0: none). */
struct vnis_arg {
	int n;
	uint32_t vni[3];
	uint16_t tenant[3];
};

static int vnis_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct vnis_arg *va = arg;
	const struct nlattr *a;

	if (va->n == 3)
		return 0;
	va->tenant[va->n] = 0;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) == NVO_A_VNI)
			va->vni[va->n] = mnl_attr_get_u32(a);
		else if (mnl_attr_get_type(a) == NVO_A_TENANT)
			va->tenant[va->n] = mnl_attr_get_u16(a);
	}
	va->n++;
	return 0;
}

static void read_vnis(int dev, struct vnis_arg *va)
{
	struct genlmsghdr gh = { .cmd = NVO_CMD_VNI_GET, .version = NVO_GENL_VERSION };
	struct fattr devattr = { .type = NVO_A_IFINDEX, .len = 4 };

	memset(va, 0, sizeof(*va));
	memcpy(devattr.d, &dev, 4);
	if (nls_dump(&g, w.family, NLM_F_DUMP, &gh, sizeof(gh), &devattr, 1,
		     vnis_cb, va))
		die("cannot read the configuration", -EIO);
}

static void vni_tables_setup(void)
{
	int dev = w.dev_ifindex[0];
	struct vnis_arg va;
	unsigned int lo, hi;
	struct fmsg m;
	size_t i;

	read_vnis(dev, &va);
	for (i = 0; i < sizeof(vni_neighs) / sizeof(vni_neighs[0]); i++) {
		const struct neigh_spec *s = &vni_neighs[i];
		uint8_t mac[6] = { 0x02, 0, 0, 0, s->vni + 1, s->mac };
		bool v6 = strchr(s->ip, ':');
		uint8_t ip[16];

		if (s->vni >= va.n)
			continue;
		setup_msg(&m, NVO_CMD_NEIGH_NEW, dev);
		put_u32(&m, NVO_A_VNI, va.vni[s->vni]);
		inet_pton(v6 ? AF_INET6 : AF_INET, s->ip, ip);
		put_bin(&m, v6 ? NVO_A_IP6 : NVO_A_IP4, ip, v6 ? 16 : 4);
		put_bin(&m, NVO_A_MAC, mac, 6);
		put_u32(&m, NVO_A_FLAGS, NVO_F_REPLACE);
		setup_send(&m, "adding a neighbour");
	}
	/* After the neighbours: a max-neigh below what a table holds is
	 * allowed, but then this order need not be.
	 */
	for (i = 0; i < sizeof(vni_neigh_cfg) / sizeof(vni_neigh_cfg[0]); i++) {
		const struct vni_neigh_spec *s = &vni_neigh_cfg[i];

		if (s->vni >= va.n)
			continue;
		setup_msg(&m, NVO_CMD_VNI_SET, dev);
		put_u32(&m, NVO_A_VNI, va.vni[s->vni]);
		if (s->unknown >= 0)
			put_u8(&m, NVO_A_NEIGH_UNKNOWN, s->unknown);
		if (s->learn >= 0)
			put_u8(&m, NVO_A_NEIGH_LEARN, s->learn);
		if (s->max)
			put_u32(&m, NVO_A_MAX_NEIGH, s->max);
		setup_send(&m, "giving a VNI neighbour settings");
	}
	for (i = 0; i < sizeof(vni_acls) / sizeof(vni_acls[0]); i++) {
		const struct acl_spec *s = &vni_acls[i];

		if (s->vni >= va.n)
			continue;
		setup_msg(&m, NVO_CMD_ACL_NEW, dev);
		put_u32(&m, NVO_A_VNI, va.vni[s->vni]);
		put_u32(&m, NVO_A_ACL_PRIO, s->prio);
		put_u8(&m, NVO_A_ACL_ACTION, s->action);
		if (s->dir)
			put_u8(&m, NVO_A_RULE_DIR, s->dir);
		if (s->ethertype)
			put_u16(&m, NVO_A_RULE_ETHERTYPE, s->ethertype);
		if (s->proto)
			put_u8(&m, NVO_A_RULE_PROTO, s->proto);
		switch (s->ports ? sscanf(s->ports, "%u-%u", &lo, &hi) : 0) {
		case 2:
			put_u16(&m, NVO_A_RULE_PORT_MAX, hi);
			/* fall through */
		case 1:
			put_u16(&m, NVO_A_RULE_PORT_MIN, lo);
		}
		spec_cidr(&m, s->src, NVO_A_ACL_SRC_IP4, NVO_A_ACL_SRC_IP6,
			  NVO_A_ACL_SRC_PREFIX);
		spec_cidr(&m, s->dst, NVO_A_ACL_DST_IP4, NVO_A_ACL_DST_IP6,
			  NVO_A_ACL_DST_PREFIX);
		setup_send(&m, "adding an ACL entry");
	}
}

/*
 * The tenant routers nlfuzz gives the first device, on its first three
 * VNIs (VNI 0, 1, 2 below) and three VNIs of its own: VNIs 0 and 1 of
 * tenant 10 (router 1's), VNI 2 of tenant 65535 (router 2's); without an
 * interface, L3_FREE_VNI of tenant 10 and L3_FREE_VNI + 2 of tenant 11
 * (router 0xffffffff's, which has none), L3_FREE_VNI + 1 without a
 * tenant. Router 1 has interfaces of both families on VNI 0 and of IPv4
 * alone (the default prefix length) on VNI 1; router 2 one of both
 * families at the longest prefixes an interface may have, the IPv4 one
 * within router 1's subnet on VNI 0 (tenants apart). Static routes of
 * both families, the default ones, a host route (no prefix length given),
 * via VNIs 0 and 2 (whose interfaces cannot go then; VNI 1's can).
 */
#define L3_FREE_VNI	600

static const struct router_spec {
	uint32_t id;
	uint16_t tenant;
} l3_routers[] = {
	{ 1, 10 }, { 2, 65535 }, { 0xffffffff, 11 },
};

static const struct vni_tenant_spec {
	int vni;
	uint16_t tenant;
} l3_tenants[] = {
	{ 0, 10 }, { 1, 10 }, { 2, 65535 },
};

static const struct rif_spec {
	uint32_t router;
	int vni;
	const char *ip4, *ip6;	/* "ADDRESS[/LENGTH]", NULL: none */
} l3_rifs[] = {
	{ 1, 0, "10.0.0.254/24", "2001:db8:1::fe/64" },
	{ 1, 1, "10.0.2.1", NULL },
	{ 2, 2, "10.0.0.1/30", "fd00::1/126" },
};

static const struct route_spec {
	int rif;		/* the l3_rifs[] (and router) of the next hop */
	const char *dst;	/* "ADDRESS[/LENGTH]" */
	const char *via;
} l3_routes[] = {
	{ 0, "0.0.0.0/0", "10.0.0.2" }, { 0, "10.1.2.3", "10.0.0.3" },
	{ 0, "192.168.0.0/16", "10.0.0.5" }, { 0, "::/0", "2001:db8:1::2" },
	{ 0, "2001:db8:ff::/48", "2001:db8:1::1" },
	{ 2, "172.16.0.0/12", "10.0.0.2" }, { 2, "fd00:1::/64", "fd00::2" },
};

/* "ADDRESS[/LENGTH]" as attributes A4 or A6, and P4 or P6 if given. */
static void spec_addr(struct fmsg *m, const char *s, uint16_t a4, uint16_t a6,
		      uint16_t p4, uint16_t p6)
{
	unsigned int len;
	uint8_t ip[16];
	char addr[64];
	int n;
	bool v6;

	n = sscanf(s, "%63[^/]/%u", addr, &len);
	v6 = strchr(addr, ':');
	inet_pton(v6 ? AF_INET6 : AF_INET, addr, ip);
	put_bin(m, v6 ? a6 : a4, ip, v6 ? 16 : 4);
	if (n == 2)
		put_u8(m, v6 ? p6 : p4, len);
}

static void l3_setup(void)
{
	bool made[sizeof(l3_rifs) / sizeof(l3_rifs[0])] = { false };
	int dev = w.dev_ifindex[0];
	struct vnis_arg va;
	struct fmsg m;
	size_t i;

	read_vnis(dev, &va);
	for (i = 0; i < sizeof(l3_tenants) / sizeof(l3_tenants[0]); i++) {
		const struct vni_tenant_spec *s = &l3_tenants[i];

		if (s->vni >= va.n || va.tenant[s->vni] == s->tenant)
			continue;
		setup_msg(&m, NVO_CMD_VNI_SET, dev);
		put_u32(&m, NVO_A_VNI, va.vni[s->vni]);
		put_u16(&m, NVO_A_TENANT, s->tenant);
		setup_send(&m, "giving a VNI a router's tenant");
	}
	for (i = 0; i < 3; i++) {
		setup_msg(&m, NVO_CMD_VNI_NEW, dev);
		put_u32(&m, NVO_A_VNI, L3_FREE_VNI + i);
		if (i != 1)
			put_u16(&m, NVO_A_TENANT, i ? 11 : 10);
		setup_send(&m, "making a VNI");
	}
	for (i = 0; i < sizeof(l3_routers) / sizeof(l3_routers[0]); i++) {
		setup_msg(&m, NVO_CMD_ROUTER_NEW, dev);
		put_u32(&m, NVO_A_ROUTER_ID, l3_routers[i].id);
		put_u16(&m, NVO_A_TENANT, l3_routers[i].tenant);
		setup_send(&m, "making a router");
	}
	for (i = 0; i < sizeof(l3_rifs) / sizeof(l3_rifs[0]); i++) {
		const struct rif_spec *s = &l3_rifs[i];
		uint8_t mac[6] = { 0x02, 0x0a, 0, 0, s->router, i + 1 };

		if (s->vni >= va.n)
			continue;
		setup_msg(&m, NVO_CMD_RIF_NEW, dev);
		put_u32(&m, NVO_A_ROUTER_ID, s->router);
		put_u32(&m, NVO_A_VNI, va.vni[s->vni]);
		put_bin(&m, NVO_A_MAC, mac, 6);
		if (s->ip4)
			spec_addr(&m, s->ip4, NVO_A_IP4, NVO_A_IP6, NVO_A_PREFIX4,
				  NVO_A_PREFIX6);
		if (s->ip6)
			spec_addr(&m, s->ip6, NVO_A_IP4, NVO_A_IP6, NVO_A_PREFIX4,
				  NVO_A_PREFIX6);
		setup_send(&m, "making a router interface");
		made[i] = true;
	}
	for (i = 0; i < sizeof(l3_routes) / sizeof(l3_routes[0]); i++) {
		const struct route_spec *s = &l3_routes[i];

		if (!made[s->rif])
			continue;
		setup_msg(&m, NVO_CMD_ROUTE_NEW, dev);
		put_u32(&m, NVO_A_ROUTER_ID, l3_rifs[s->rif].router);
		spec_addr(&m, s->dst, NVO_A_IP4, NVO_A_IP6, NVO_A_PREFIX4,
			  NVO_A_PREFIX6);
		spec_addr(&m, s->via, NVO_A_VIA4, NVO_A_VIA6, 0, 0);
		setup_send(&m, "adding a route");
	}
}

static void rtnl_dev(const char *name, bool del, struct answer *a);

static void link_up(int ifindex, bool up)
{
	struct fmsg m = { .bus = BUS_RTNL, .ifindex = ifindex,
			  .flags = NLM_F_REQUEST | NLM_F_ACK,
			  .ifi_flags = up ? IFF_UP : 0, .ifi_change = IFF_UP };
	struct answer a;

	send_msg(&r, &m, &a);
}

struct rif_owner_arg {
	uint32_t vni, router;
};

static int rif_owner_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct rif_owner_arg *ra = arg;
	const struct nlattr *a;
	uint32_t vni = 0, router = 0;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) == NVO_A_VNI)
			vni = mnl_attr_get_u32(a);
		else if (mnl_attr_get_type(a) == NVO_A_ROUTER_ID)
			router = mnl_attr_get_u32(a);
	}
	if (vni == ra->vni && router)
		ra->router = router;
	return 0;
}

/*
 * Frees the VNI of baseline request B (on its device) of the router
 * interface on it, whosever: that interface, or its router if a static
 * route's next hop keeps it.
 */
static void rif_clear(const struct fmsg *b)
{
	struct genlmsghdr gh = { .cmd = NVO_CMD_RIF_GET, .version = NVO_GENL_VERSION };
	const struct fattr *dev = fattr_find(b, NVO_A_IFINDEX);
	const struct fattr *vni = fattr_find(b, NVO_A_VNI);
	struct rif_owner_arg ra = { 0 };
	struct answer a;
	struct fmsg m;
	int ifindex;

	if (!dev || !vni || dev->len != 4 || vni->len != 4)
		return;
	memcpy(&ifindex, dev->d, 4);
	memcpy(&ra.vni, vni->d, 4);
	if (nls_dump(&g, w.family, NLM_F_DUMP, &gh, sizeof(gh), dev, 1,
		     rif_owner_cb, &ra) || !ra.router)
		return;
	setup_msg(&m, NVO_CMD_RIF_DEL, ifindex);
	put_u32(&m, NVO_A_ROUTER_ID, ra.router);
	put_u32(&m, NVO_A_VNI, ra.vni);
	send_msg(&g, &m, &a);
	if (!a.nerr)
		return;
	setup_msg(&m, NVO_CMD_ROUTER_DEL, ifindex);
	put_u32(&m, NVO_A_ROUTER_ID, ra.router);
	send_msg(&g, &m, &a);
}

/* One baseline request, helped through what the fuzzing changed. */
static void restore_one(const struct fmsg *b)
{
	/*
	 * Its key is taken, maybe by what the fuzzing made: delete that,
	 * send this one again (ACL entries and routers have no replace; a
	 * router goes with its interfaces and routes, which the baseline's
	 * next requests bring back).
	 */
	static const struct {
		uint8_t cmd, del;
		uint16_t key[3];
	} redo[] = {
		{ NVO_CMD_ACL_NEW, NVO_CMD_ACL_DEL,
		  { NVO_A_IFINDEX, NVO_A_VNI, NVO_A_ACL_PRIO } },
		{ NVO_CMD_ROUTER_NEW, NVO_CMD_ROUTER_DEL,
		  { NVO_A_IFINDEX, NVO_A_ROUTER_ID } },
	};
	const struct fattr *port;
	struct answer a;
	struct fmsg m;
	unsigned int i, j;
	int d;

	send_msg(b->bus == BUS_GENL ? &g : &r, b, &a);
	if (b->bus == BUS_RTNL) {
		/* Ports change only while the device is down. */
		if (a.nerr && a.err[0] == -EBUSY) {
			link_up(b->ifindex, false);
			send_msg(&r, b, &a);
		}
		link_up(b->ifindex, b->up);
		return;
	}
	if (b->cmd == NVO_CMD_VNI_NEW && a.nerr && a.err[0] == -EEXIST) {
		/* It exists: its settings (encap, limits) again. */
		m = *b;
		m.cmd = NVO_CMD_VNI_SET;
		send_msg(&g, &m, &a);
		/* Its tenant does not change while a router interface is on
		 * it: that goes (the baseline's routers come after).
		 */
		if (a.nerr && a.err[0] == -EBUSY && fattr_find(b, NVO_A_TENANT)) {
			rif_clear(b);
			send_msg(&g, &m, &a);
		}
	}
	if (b->cmd == NVO_CMD_RIF_NEW && a.nerr && a.err[0] == -EEXIST) {
		/* An interface of a router the fuzzing made is on its VNI. */
		rif_clear(b);
		send_msg(&g, b, &a);
	}
	for (j = 0; j < sizeof(redo) / sizeof(redo[0]); j++) {
		const struct fattr *k;

		if (b->cmd != redo[j].cmd || !a.nerr || a.err[0] != -EEXIST)
			continue;
		m = *b;
		m.cmd = redo[j].del;
		m.n = 0;
		for (i = 0; i < sizeof(redo[j].key) / sizeof(redo[j].key[0]); i++)
			if (redo[j].key[i] && (k = fattr_find(b, redo[j].key[i])))
				put_bin(&m, k->type, k->d, k->len);
		send_msg(&g, &m, &a);
		send_msg(&g, b, &a);
	}
	port = fattr_find(b, NVO_A_PORT_IFINDEX);
	if (b->cmd != NVO_CMD_PORT_NEW || !a.nerr || a.err[0] != -EBUSY || !port)
		return;
	/* Attached elsewhere meanwhile: detach it, attach it again. */
	for (d = 0; d < w.ndevs; d++) {
		memset(&m, 0, sizeof(m));
		m.bus = BUS_GENL;
		m.cmd = NVO_CMD_PORT_DEL;
		m.version = NVO_GENL_VERSION;
		m.flags = NLM_F_REQUEST | NLM_F_ACK;
		put_u32(&m, NVO_A_IFINDEX, w.dev_ifindex[d]);
		put_bin(&m, NVO_A_PORT_IFINDEX, port->d, 4);
		send_msg(&g, &m, &a);
	}
	send_msg(&g, b, &a);
}

/*
 * Replays the baseline, so that random deletions do not leave the
 * fuzzer nothing to work on; whatever the fuzzing added stays. Link
 * settings (limits among them) first, then the tables.
 */
static void restore(void)
{
	struct answer a;
	int b;

	rtnl_dev(NEW_DEV, true, &a);
	for (b = 0; b < nbase; b++)
		if (base[b].bus == BUS_RTNL)
			restore_one(&base[b]);
	for (b = 0; b < nbase; b++)
		if (base[b].bus == BUS_GENL)
			restore_one(&base[b]);
	if (snap_take(&g, &r, &w, &cur))
		die("cannot read the configuration", -EIO);
}

/* A change that succeeds: a new FDB entry (or a replaced one). */
static void sure_change(struct fmsg *m)
{
	uint8_t mac[6] = { 0x02, 0xfc, rnd(), rnd(), rnd(), rnd() };
	uint32_t ip = htonl(0x0a630002);

	memset(m, 0, sizeof(*m));
	m->bus = BUS_GENL;
	m->cmd = NVO_CMD_FDB_NEW;
	m->version = NVO_GENL_VERSION;
	m->flags = NLM_F_REQUEST | NLM_F_ACK;
	put_u32(m, NVO_A_IFINDEX, w.dev_ifindex[0]);
	put_u32(m, NVO_A_VNI, w.vni[rndn(w.nvnis)]);
	put_bin(m, NVO_A_MAC, mac, 6);
	put_bin(m, NVO_A_REMOTE_IP4, &ip, 4);
	put_u32(m, NVO_A_FLAGS, NVO_F_REPLACE);
}

/*
 * Receives one part of a dump; counts its messages flagged INTR. Returns
 * how many table entries it held, or -errno.
 */
static int dump_part(struct nls *d, bool *done, int *intr)
{
	static char buf[8192];
	const struct nlmsghdr *nlh;
	int len;

	int n = 0;

	len = mnl_socket_recvfrom(d->nl, buf, sizeof(buf));
	if (len < 0)
		return -errno;
	for (nlh = (void *)buf; mnl_nlmsg_ok(nlh, len);
	     nlh = mnl_nlmsg_next(nlh, &len)) {
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
			(*intr)++;
		if (nlh->nlmsg_type == NLMSG_DONE || nlh->nlmsg_type == NLMSG_ERROR)
			*done = true;
		else
			n++;
	}
	return n;
}

/*
 * A dump of the first device, read one part, then: abandoned (socket
 * closed), or interleaved with a change of the device (and read to the
 * end: the change must show as NLM_F_DUMP_INTR), or followed by another
 * request on the same socket.
 */
static void dump_interrupted(void)
{
	static struct wire x;
	struct nls d;
	struct fmsg m;
	bool done = false;
	int intr = 0, parts = 0, later = 0, how = rndn(3);
	uint32_t dseq = seq++;

	if (nls_open(&d, BUS_GENL))
		die("cannot open a netlink socket", -errno);
	corpus_dump(&w, &m);
	serialize(&w, &m, &x, dseq);
	st.dump_runs++;
	if (mnl_socket_sendto(d.nl, x.b, x.len) < 0 || dump_part(&d, &done, &intr) < 0)
		goto out;
	if (how == 0 || done)
		goto out;
	if (how == 1) {
		/* a change of the device being dumped, from another socket */
		struct wire y;

		corpus_msg(&w, &m, true);
		if (chance(50) && w.nvnis)
			sure_change(&m);
		if (m.bus == BUS_GENL && m.n && m.a[0].type == NVO_A_IFNAME) {
			m.a[0].type = NVO_A_IFINDEX;
			m.a[0].len = 4;
		}
		if (m.bus == BUS_GENL && m.n)
			memcpy(m.a[0].d, &w.dev_ifindex[0], 4);
		else
			m.ifindex = w.dev_ifindex[0];
		serialize(&w, &m, &y, seq++);
		y.pristine = true;
		/*
		 * CONN_FLUSH changes nothing a dump shows. An FDB or neighbour
		 * entry flags a dump of its VNI's table only while that table
		 * is walked (86-churn checks it): not asserted here.
		 */
		if (!fuzz_one(m.bus == BUS_GENL ? &g : &r, &y, true) ||
		    (m.bus == BUS_GENL && (m.cmd == NVO_CMD_DEV_GET ||
					   m.cmd == NVO_CMD_CONN_FLUSH ||
					   m.cmd == NVO_CMD_FDB_NEW ||
					   m.cmd == NVO_CMD_FDB_DEL ||
					   m.cmd == NVO_CMD_NEIGH_NEW ||
					   m.cmd == NVO_CMD_NEIGH_DEL)))
			goto out;
		/*
		 * The part read next was made before the change (netlink makes
		 * the next part as the last is read); entries in any later
		 * part are from after it, and the dump must say so. A dump
		 * whose entries all predate the change is consistent.
		 */
		intr = 0;
		while (!done) {
			int n = dump_part(&d, &done, &intr);

			if (n < 0)
				goto out;
			if (parts++)
				later += n;
		}
		if (later && x.b[NLMSG_HDRLEN] != NVO_CMD_DEV_GET) {
			st.dump_checked++;
			if (!intr) {
				st.dumps++;
				show("DUMPS: a change during the dump did not flag NLM_F_DUMP_INTR",
				     &x, &(struct answer){ 0 });
				describe(&w, &y, desc, sizeof(desc));
				printf("    change: %s\n", desc);
			}
		}
		goto out;
	}
	/* another request on the socket the dump still runs on */
	corpus_msg(&w, &m, false);
	if (chance(50))
		mutate_attrs(&w, &m, 1 + rndn(2));
	serialize(&w, &m, &x, seq++);
	d.other_seq = dseq;
	d.other_open = true;
	fuzz_one(m.bus == BUS_GENL ? &d : &r, &x, cmd_mutating(m.bus, m.cmd));
out:
	nls_close(&d);
}

/* Creates (or deletes) an nvo device NAME with default settings. */
static void rtnl_dev(const char *name, bool del, struct answer *a)
{
	static struct wire x;
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(x.b);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	struct nlattr *li;

	nlh->nlmsg_type = del ? RTM_DELLINK : RTM_NEWLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK |
			   (del ? 0 : NLM_F_CREATE | NLM_F_EXCL);
	nlh->nlmsg_seq = seq++;
	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	if (!del) {
		li = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
		mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "nvo");
		mnl_attr_nest_end(nlh, li);
	}
	x.len = nlh->nlmsg_len;
	x.bus = BUS_RTNL;
	if (nls_xchg(&r, &x, a))
		a->nerr = 1;
}

/*
 * A device deleted while a dump of its FDB or neighbours (the dump holds a
 * VNI of it) or of its routes (the dump holds a router) is half read: the
 * dump must end with an error or be abandoned cleanly.
 */
static void dev_deleted_mid_dump(void)
{
	static struct wire x;
	struct world tmp = w;
	struct answer a;
	struct fmsg m;
	struct nls d;
	bool done = false;
	int intr = 0, i, ifindex;

	rtnl_dev("nvofz", false, &a);
	if (a.nerr)
		return;
	ifindex = if_nametoindex("nvofz");
	for (i = 0; i < 150; i++) {
		uint8_t mac[6] = { 0x02, 0xfb, 0, 0, 0, i };
		uint32_t ip = htonl(0x0a630002);

		setup_msg(&m, i < 2 ? NVO_CMD_VNI_NEW : NVO_CMD_FDB_NEW, ifindex);
		put_u32(&m, NVO_A_VNI, 7000 + i % 2);
		if (i >= 2) {
			put_bin(&m, NVO_A_MAC, mac, 6);
			put_bin(&m, NVO_A_REMOTE_IP4, &ip, 4);
		} else if (i == 0) {
			put_u16(&m, NVO_A_TENANT, 1);
		}
		send_msg(&g, &m, &a);
		if (i == 1) {
			/* router 1 of tenant 1, on VNI 7000: 10.98.0.1/16 */
			setup_msg(&m, NVO_CMD_ROUTER_NEW, ifindex);
			put_u32(&m, NVO_A_ROUTER_ID, 1);
			put_u16(&m, NVO_A_TENANT, 1);
			send_msg(&g, &m, &a);
			setup_msg(&m, NVO_CMD_RIF_NEW, ifindex);
			put_u32(&m, NVO_A_ROUTER_ID, 1);
			put_u32(&m, NVO_A_VNI, 7000);
			put_bin(&m, NVO_A_MAC, mac, 6);
			ip = htonl(0x0a620001);
			put_bin(&m, NVO_A_IP4, &ip, 4);
			put_u8(&m, NVO_A_PREFIX4, 16);
			send_msg(&g, &m, &a);
		}
		if (i < 2)
			continue;
		/* and as many neighbours */
		m.cmd = NVO_CMD_NEIGH_NEW;
		m.n = 2;
		ip = htonl(0x0a620000 + i);
		put_bin(&m, NVO_A_IP4, &ip, 4);
		put_bin(&m, NVO_A_MAC, mac, 6);
		send_msg(&g, &m, &a);
		/* and routes: 11.0.I.0/24 via 10.98.0.2 */
		setup_msg(&m, NVO_CMD_ROUTE_NEW, ifindex);
		put_u32(&m, NVO_A_ROUTER_ID, 1);
		ip = htonl(0x0b000000 + (i << 8));
		put_bin(&m, NVO_A_IP4, &ip, 4);
		put_u8(&m, NVO_A_PREFIX4, 24);
		ip = htonl(0x0a620002);
		put_bin(&m, NVO_A_VIA4, &ip, 4);
		send_msg(&g, &m, &a);
	}
	st.devdel++;
	if (nls_open(&d, BUS_GENL))
		die("cannot open a netlink socket", -errno);
	tmp.ndevs = 1;
	tmp.dev_ifindex[0] = ifindex;
	corpus_dump(&tmp, &m);
	i = rndn(10);
	m.cmd = i < 3 ? NVO_CMD_FDB_GET : i < 5 ? NVO_CMD_NEIGH_GET :
		i < 8 ? NVO_CMD_ROUTE_GET : NVO_CMD_VNI_GET;
	/* A filter of the dump drawn must be one these take. */
	if (m.n > 1 && (m.a[1].type != NVO_A_VNI || m.cmd == NVO_CMD_ROUTE_GET))
		m.n = 1;
	if (m.cmd == NVO_CMD_ROUTE_GET && chance(50))
		put_u32(&m, NVO_A_ROUTER_ID, 1);
	serialize(&w, &m, &x, seq++);
	if (mnl_socket_sendto(d.nl, x.b, x.len) >= 0 && dump_part(&d, &done, &intr) >= 0) {
		rtnl_dev("nvofz", true, &a);
		while (!done && chance(50))
			if (dump_part(&d, &done, &intr) < 0)
				break;
	} else {
		rtnl_dev("nvofz", true, &a);
	}
	nls_close(&d);
	if (snap_take(&g, &r, &w, &cur))
		die("cannot read the configuration", -EIO);
}

static void iteration(void)
{
	static struct wire x;
	struct fmsg m;
	int p = rndn(100);

	if (opt.dumps_only || (!opt.unpriv && p < 6)) {
		dump_interrupted();
		return;
	}
	if (!opt.unpriv && p == 6 && chance(20)) {
		dev_deleted_mid_dump();
		return;
	}
	corpus_msg(&w, &m, opt.unpriv);
	p = rndn(100);
	if (p >= 15)
		mutate_attrs(&w, &m, 1 + rndn(3));
	serialize(&w, &m, &x, seq++);
	x.pristine = p < 15;
	if (p >= 65)
		mutate_bytes(&w, &x);
	fuzz_one(m.bus == BUS_GENL ? &g : &r, &x, cmd_mutating(m.bus, m.cmd));
}

/* Lines "genl HEX" or "rtnl HEX", maybe after "REPRO" as printed. */
static void replay(const char *path)
{
	static char line[3 * MAX_WIRE];
	static struct wire x;
	FILE *f = fopen(path, "r");
	char bus[8];
	int off;
	size_t i;

	if (!f)
		die(path, -errno);
	while (fgets(line, sizeof(line), f)) {
		char *p = line + strspn(line, " \t");

		if (!strncmp(p, "REPRO ", 6))
			p += 6;
		if (sscanf(p, "%7s %n", bus, &off) != 1 ||
		    (strcmp(bus, "genl") && strcmp(bus, "rtnl")))
			continue;
		memset(&x, 0, sizeof(x));
		x.bus = !strcmp(bus, "rtnl") ? BUS_RTNL : BUS_GENL;
		for (p += off, i = 0; i < MAX_WIRE && sscanf(p, "%2hhx", &x.b[i]) == 1;
		     p += 2)
			i++;
		x.len = i;
		/* The family id of this boot. */
		wire_sanitize(&w, &x);
		x.pristine = true;
		printf("nlfuzz: replaying %zu bytes\n", x.len);
		opt.verbose = 2;
		fuzz_one(x.bus == BUS_GENL ? &g : &r, &x, true);
	}
	fclose(f);
}

static unsigned int parse_checks(const char *s)
{
	unsigned int c = 0;

	if (strstr(s, "invariant"))
		c |= CHECK_INVARIANT;
	if (strstr(s, "extack"))
		c |= CHECK_EXTACK;
	if (strstr(s, "unpriv"))
		c |= CHECK_UNPRIV;
	if (strstr(s, "dumps"))
		c |= CHECK_DUMPS;
	return c;
}

/* An attribute given, and not 0 (a setting not its default). */
static bool nonzero(const struct fattr *a)
{
	unsigned int i;

	for (i = 0; a && i < a->len; i++)
		if (a->d[i])
			return true;
	return false;
}

/*
 * What the baseline holds of security groups, neighbours, ACLs, routers
 * and DHCP bindings: read back from the dumps, so this also says that the
 * snapshot sees them (the baseline requests keep the attributes of the
 * snapshot's lines).
 */
static void sec_summary(void)
{
	int b, sgs = 0, rules = 0, ports = 0, fw = 0, tenants = 0, gbp = 0;
	int neighs = 0, neigh_vnis = 0, acls = 0, routers = 0, rifs = 0;
	int routes = 0, dhcp = 0;
	const struct fattr *ids, *sec;

	for (b = 0; b < nbase; b++) {
		if (base[b].bus == BUS_RTNL) {
			sec = fattr_find(&base[b], IFLA_NVO_GBP);
			gbp += sec && sec->len && sec->d[0];
			continue;
		}
		switch (base[b].cmd) {
		case NVO_CMD_SG_NEW:
			sgs++;
			break;
		case NVO_CMD_RULE_NEW:
			rules++;
			break;
		case NVO_CMD_VNI_NEW:
			tenants += !!fattr_find(&base[b], NVO_A_TENANT);
			neigh_vnis += nonzero(fattr_find(&base[b], NVO_A_NEIGH_UNKNOWN)) ||
				      nonzero(fattr_find(&base[b], NVO_A_NEIGH_LEARN)) ||
				      nonzero(fattr_find(&base[b], NVO_A_MAX_NEIGH));
			break;
		case NVO_CMD_NEIGH_NEW:
			neighs++;
			break;
		case NVO_CMD_ACL_NEW:
			acls++;
			break;
		case NVO_CMD_ROUTER_NEW:
			routers++;
			break;
		case NVO_CMD_RIF_NEW:
			rifs++;
			break;
		case NVO_CMD_ROUTE_NEW:
			routes++;
			break;
		case NVO_CMD_PORT_NEW:
			ids = fattr_find(&base[b], NVO_A_SG_IDS);
			sec = fattr_find(&base[b], NVO_A_PORT_SECURITY);
			ports += ids && ids->len;
			fw += ids && ids->len && sec && sec->len && sec->d[0];
			dhcp += !!fattr_find(&base[b], NVO_A_DHCP | NLA_F_NESTED);
			break;
		}
	}
	printf("nlfuzz: %d security groups, %d rules, %d ports in groups (%d firewalled), %d VNIs with a tenant; %d of %d nvo devices with VXLAN-GBP\n",
	       sgs, rules, ports, fw, tenants, gbp, w.ndevs);
	printf("nlfuzz: %d neighbours, %d VNIs with neighbour settings, %d ACL entries\n",
	       neighs, neigh_vnis, acls);
	printf("nlfuzz: %d routers, %d router interfaces, %d static routes; %d ports with a DHCP binding\n",
	       routers, rifs, routes, dhcp);
}

static void usage(void)
{
	fputs("usage: nlfuzz [OPTION]...  (in a network namespace with an nvo device)\n"
	      "  --seed N             random seed (default 1)\n"
	      "  --count N            requests to send (default 1000)\n"
	      "  --check LIST         checks that decide the exit status: invariant\n"
	      "                       (default), extack, unpriv, dumps\n"
	      "  --unpriv             without CAP_NET_ADMIN: mutating requests only\n"
	      "  --dumps-only         only interrupted dumps (and changes between parts)\n"
	      "  --fill-vnis N        first add N VNIs to the first device ...\n"
	      "  --fill-fdb N         ... and N FDB entries and flood remotes in them,\n"
	      "                       N/2 neighbours, N/4 ACL entries, 3N/4 routes\n"
	      "  --restore-every N    replay the baseline every N requests (300)\n"
	      "  --replay FILE        send FILE's \"genl|rtnl HEX\" (REPRO) lines instead\n"
	      "  -v                   print rejected requests (-vv: every request)\n",
	      stderr);
	exit(16);
}

static const char *const cmd_names[NVO_CMD_MAX + 1] = {
	[NVO_CMD_DEV_GET] = "dev_get", [NVO_CMD_VNI_NEW] = "vni_new",
	[NVO_CMD_VNI_DEL] = "vni_del", [NVO_CMD_VNI_GET] = "vni_get",
	[NVO_CMD_PORT_NEW] = "port_new", [NVO_CMD_PORT_DEL] = "port_del",
	[NVO_CMD_PORT_GET] = "port_get", [NVO_CMD_FDB_NEW] = "fdb_new",
	[NVO_CMD_FDB_DEL] = "fdb_del", [NVO_CMD_FDB_GET] = "fdb_get",
	[NVO_CMD_FLOOD_NEW] = "flood_new", [NVO_CMD_FLOOD_DEL] = "flood_del",
	[NVO_CMD_FLOOD_GET] = "flood_get", [NVO_CMD_VNI_SET] = "vni_set",
	[NVO_CMD_PORT_SET] = "port_set", [NVO_CMD_SG_NEW] = "sg_new",
	[NVO_CMD_SG_DEL] = "sg_del", [NVO_CMD_SG_GET] = "sg_get",
	[NVO_CMD_RULE_NEW] = "rule_new", [NVO_CMD_RULE_DEL] = "rule_del",
	[NVO_CMD_RULE_GET] = "rule_get", [NVO_CMD_CONN_FLUSH] = "conn_flush",
	[NVO_CMD_ACL_NEW] = "acl_new", [NVO_CMD_ACL_DEL] = "acl_del",
	[NVO_CMD_ACL_GET] = "acl_get", [NVO_CMD_NEIGH_NEW] = "neigh_new",
	[NVO_CMD_NEIGH_DEL] = "neigh_del", [NVO_CMD_NEIGH_GET] = "neigh_get",
	[NVO_CMD_ROUTER_NEW] = "router_new", [NVO_CMD_ROUTER_DEL] = "router_del",
	[NVO_CMD_ROUTER_GET] = "router_get", [NVO_CMD_RIF_NEW] = "rif_new",
	[NVO_CMD_RIF_DEL] = "rif_del", [NVO_CMD_RIF_GET] = "rif_get",
	[NVO_CMD_ROUTE_NEW] = "route_new", [NVO_CMD_ROUTE_DEL] = "route_del",
	[NVO_CMD_ROUTE_GET] = "route_get",
};

static void summary(double secs)
{
	int i, rc = 0;

	printf("nlfuzz: seed %" PRIu64 ", %ld writes in %.1f s: %ld accepted, %ld rejected (%ld errors from nvo), %ld partly, %ld not taken%s%s, %ld unanswered\n",
	       opt.seed, st.sent, secs, st.accepted, st.rejected, st.rejected_nvo,
	       st.mixed, st.sendfail, st.sendfail ? " by write(): " : "",
	       st.sendfail ? strerror(-st.sendfail_err) : "", st.timeouts);
	printf("nlfuzz: %ld dumps interrupted (%ld checked for NLM_F_DUMP_INTR), %ld devices deleted mid-dump\n",
	       st.dump_runs, st.dump_checked, st.devdel);
	printf("nlfuzz: accepted/rejected by command:");
	for (i = 1; i <= NVO_CMD_MAX; i++)
		if (cmd_names[i])
			printf(" %s %ld/%ld", cmd_names[i], st.by_cmd[i][0],
			       st.by_cmd[i][1]);
		else if (st.by_cmd[i][0] || st.by_cmd[i][1])
			printf(" cmd%d %ld/%ld", i, st.by_cmd[i][0],
			       st.by_cmd[i][1]);
	printf("\n");
	printf("nlfuzz: check invariant: %ld rejected requests changed the configuration (and %ld flag changes or renames to the name a device has, which may)\n",
	       st.invariant, st.documented);
	printf("nlfuzz: check extack: %ld rejections by nvo without an extack message\n",
	       st.extack_nvo);
	for (i = 0; i < st.ngroups; i++)
		if (st.groups[i].nvo)
			printf("    %ld x %s cmd %d: %s, e.g. %s\n", st.groups[i].n,
			       st.groups[i].bus == BUS_GENL ? "genl" : "rtnl",
			       st.groups[i].cmd, strerror(-st.groups[i].err),
			       st.groups[i].example);
	printf("nlfuzz: (for information: %ld rejections by the netlink core, before nvo, without a message:",
	       st.extack_core);
	for (i = 0; i < st.ngroups; i++)
		if (!st.groups[i].nvo)
			printf(" %ldx %s cmd %d %s;", st.groups[i].n,
			       st.groups[i].bus == BUS_GENL ? "genl" : "rtnl",
			       st.groups[i].cmd, strerror(-st.groups[i].err));
	printf(")\n");
	if (opt.unpriv)
		printf("nlfuzz: check unpriv: %ld violations\n", st.unpriv);
	printf("nlfuzz: check dumps: %ld changes not flagged\n", st.dumps);

	if ((opt.checks & CHECK_INVARIANT) && st.invariant)
		rc |= CHECK_INVARIANT;
	if ((opt.checks & CHECK_EXTACK) && st.extack_nvo)
		rc |= CHECK_EXTACK;
	if ((opt.checks & CHECK_UNPRIV) && st.unpriv)
		rc |= CHECK_UNPRIV;
	if ((opt.checks & CHECK_DUMPS) && st.dumps)
		rc |= CHECK_DUMPS;
	if (st.timeouts)
		rc |= CHECK_INVARIANT;
	exit(rc);
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'c' },
		{ "unpriv", no_argument, NULL, 'u' },
		{ "dumps-only", no_argument, NULL, 'd' },
		{ "fill-vnis", required_argument, NULL, 'V' },
		{ "fill-fdb", required_argument, NULL, 'F' },
		{ "restore-every", required_argument, NULL, 'R' },
		{ "check", required_argument, NULL, 'C' },
		{ "replay", required_argument, NULL, 'r' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct timespec t0, t1;
	long i;
	int c, err;

	while ((c = getopt_long(argc, argv, "vh", lo, NULL)) != -1) {
		switch (c) {
		case 's': opt.seed = strtoull(optarg, NULL, 0); break;
		case 'c': opt.count = strtol(optarg, NULL, 0); break;
		case 'u': opt.unpriv = corpus_policy_valid = true; break;
		case 'd': opt.dumps_only = true; break;
		case 'V': opt.fill_vnis = atoi(optarg); break;
		case 'F': opt.fill_fdb = atoi(optarg); break;
		case 'R': opt.restore_every = atoi(optarg); break;
		case 'C': opt.checks = parse_checks(optarg); break;
		case 'r': opt.replay = optarg; break;
		case 'v': opt.verbose++; break;
		default: usage();
		}
	}
	rng = opt.seed;
	setvbuf(stdout, NULL, _IOLBF, 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);

	if ((err = nls_open(&g, BUS_GENL)) || (err = nls_open(&r, BUS_RTNL)))
		die("cannot open a netlink socket", err);
	err = resolve_family(&g, &w);
	if (err || !w.family)
		die("cannot resolve the generic netlink family \"nvo\"", err ?: -ENOENT);
	world_read(&g, NULL, 0, &w);
	if (!w.ndevs) {
		printf("nlfuzz: no nvo device in this network namespace\n");
		exit(16);
	}
	/* Without CAP_NET_ADMIN nothing can be set up; a replay sets up what
	 * it needs itself.
	 */
	if (!opt.unpriv && !opt.replay) {
		sec_setup();
		dhcp_setup();
		vni_tables_setup();
		l3_setup();
	}
	if (opt.fill_vnis && !opt.unpriv) {
		fill();
		fill_sec();
		fill_routes();
	}
	err = baseline_take(&g, &r, &w, &base_snap, base, &nbase, MAX_BASE);
	if (err)
		die("cannot read the configuration", err);
	world_read(&g, base, nbase, &w);
	if (snap_take(&g, &r, &w, &cur))
		die("cannot read the configuration", -EIO);
	printf("nlfuzz: family %u, %d nvo devices, %d interfaces, %d VNIs, %d MACs, %d baseline requests, snapshot of %zu bytes\n",
	       w.family, w.ndevs, w.nifs, w.nvnis, w.nmacs, nbase, cur.len);
	sec_summary();

	if (opt.replay) {
		replay(opt.replay);
	} else {
		for (i = 0; i < opt.count; i++) {
			if (!opt.unpriv && opt.restore_every && i &&
			    i % opt.restore_every == 0)
				restore();
			iteration();
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	summary(t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}
