// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration of every nvo device in the namespace, as text to
 * compare: one sorted line per object, from the config dumps (devices,
 * security groups, rules, VNIs, ports, FDB, flood lists, neighbours,
 * ACLs, routers, router interfaces, routes, connected ones included) and
 * rtnetlink (link settings, IFLA_NVO_GBP among them, and the master,
 * promiscuity, MTU and up flag of every interface: attaching a port
 * changes those). Left out: counters, learned FDB entries and
 * neighbours (which age out), ages, and whatever else changes by itself.
 *
 * The same dumps give the baseline: requests that recreate the
 * configuration, which the fuzzer replays now and then (its random
 * deletions would otherwise empty the tables) and mutates.
 */
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "nlfuzz.h"

struct lines {
	char **v;
	size_t n, cap;
};

static void add_line(struct lines *l, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 256;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		if (!l->v)
			abort();
	}
	l->v[l->n] = strdup(s);
	if (!l->v[l->n])
		abort();
	l->n++;
}

struct line {
	char s[2048];
	size_t len;
};

static void lput(struct line *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void lput(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->len >= sizeof(l->s))
		return;
	va_start(ap, fmt);
	n = vsnprintf(l->s + l->len, sizeof(l->s) - l->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->len += n;
}

static void lhex(struct line *l, const struct nlattr *a)
{
	const uint8_t *p = mnl_attr_get_payload(a);
	uint16_t i;

	lput(l, " %u=", mnl_attr_get_type(a));
	for (i = 0; i < mnl_attr_get_payload_len(a); i++)
		lput(l, "%02x", p[i]);
}

/* A table: its dump, and the request that recreates its entries with the
 * attributes of a dump message it keeps.
 */
struct table {
	const char *what;
	uint8_t cmd, base_cmd;
	const uint16_t *keep;
	unsigned int nkeep;
	/* not recreated: a dump message with this attribute (0: none) */
	uint16_t skip;
};

struct snap_arg {
	struct lines *lines;
	const char *what;
	int devs[MAX_DEVS * 4];
	int ndevs;
	/* baseline requests, when wanted */
	struct fmsg *base;
	int *nbase, maxbase;
	const struct table *table;	/* NULL: devices, no baseline */
};

static bool has_attr(const struct nlmsghdr *nlh, uint16_t type)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == type)
			return true;
	return false;
}

static void base_add(struct snap_arg *sa, const struct nlmsghdr *nlh)
{
	const struct table *t = sa->table;
	const struct nlattr *a;
	struct fmsg *m;
	unsigned int i;

	if (!sa->base || !t || *sa->nbase >= sa->maxbase)
		return;
	if (t->skip && has_attr(nlh, t->skip))
		return;
	m = &sa->base[(*sa->nbase)++];
	memset(m, 0, sizeof(*m));
	m->bus = BUS_GENL;
	m->cmd = t->base_cmd;
	m->version = NVO_GENL_VERSION;
	m->flags = NLM_F_REQUEST | NLM_F_ACK;
	/* Verbatim, nests (a port's DHCP binding) with the NLA_F_NESTED the
	 * policy wants; but for one longer than struct fattr holds, which
	 * cut short would be refused (the entry is recreated without it).
	 */
	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		for (i = 0; i < t->nkeep; i++)
			if (mnl_attr_get_type(a) == t->keep[i] &&
			    mnl_attr_get_payload_len(a) <= MAX_PAYLOAD)
				put_bin(m, t->keep[i] | (a->nla_type & NLA_F_NESTED),
					mnl_attr_get_payload(a),
					mnl_attr_get_payload_len(a));
	/* The entry, group or route may exist: its destination, MAC, name
	 * or next hop again. (ACL entries and routers have no replace:
	 * restore_one() deletes them first.)
	 */
	if (m->cmd == NVO_CMD_FDB_NEW || m->cmd == NVO_CMD_SG_NEW ||
	    m->cmd == NVO_CMD_NEIGH_NEW || m->cmd == NVO_CMD_ROUTE_NEW)
		put_u32(m, NVO_A_FLAGS, NVO_F_REPLACE);
}

/*
 * The attributes that recreate an entry. The snapshot itself compares
 * every attribute of a dump line (but counters and ages), so that
 * security groups (id, name, rule and port counts), every rule's and ACL
 * entry's match, ports' groups (NVO_A_SG_IDS), port security and DHCP
 * bindings (NVO_A_DHCP, the nest byte for byte: nothing in it counts or
 * ages), VNIs' tenants, neighbour settings and counts, routers' interface
 * and route counts are part of the configuration as much as VNIs and FDB
 * entries are.
 */
static const uint16_t keep_sg[] = {
	NVO_A_IFINDEX, NVO_A_SG_ID, NVO_A_SG_NAME,
};
static const uint16_t keep_rule[] = {
	NVO_A_IFINDEX, NVO_A_SG_ID, NVO_A_RULE_ID, NVO_A_RULE_DIR,
	NVO_A_RULE_ETHERTYPE, NVO_A_RULE_PROTO, NVO_A_RULE_PORT_MIN,
	NVO_A_RULE_PORT_MAX, NVO_A_RULE_ICMP_TYPE, NVO_A_RULE_ICMP_CODE,
	NVO_A_RULE_REMOTE_IP4, NVO_A_RULE_REMOTE_IP6,
	NVO_A_RULE_REMOTE_PREFIX, NVO_A_RULE_REMOTE_SG,
};
static const uint16_t keep_vni[] = {
	NVO_A_IFINDEX, NVO_A_VNI, NVO_A_ENCAP, NVO_A_MAX_FDB,
	NVO_A_MAX_LEARNED, NVO_A_TENANT, NVO_A_NEIGH_UNKNOWN,
	NVO_A_NEIGH_LEARN, NVO_A_MAX_NEIGH,
};
static const uint16_t keep_port[] = {
	NVO_A_IFINDEX, NVO_A_PORT_IFINDEX, NVO_A_VNI, NVO_A_PORT_ID,
	NVO_A_SG_IDS, NVO_A_PORT_SECURITY, NVO_A_DHCP,
};
static const uint16_t keep_fdb[] = {
	NVO_A_IFINDEX, NVO_A_VNI, NVO_A_MAC, NVO_A_REMOTE_IP4,
	NVO_A_REMOTE_IP6, NVO_A_PORT_IFINDEX, NVO_A_SG_IDS,
};
static const uint16_t keep_flood[] = {
	NVO_A_IFINDEX, NVO_A_VNI, NVO_A_REMOTE_IP4, NVO_A_REMOTE_IP6,
};
static const uint16_t keep_neigh[] = {
	NVO_A_IFINDEX, NVO_A_VNI, NVO_A_IP4, NVO_A_IP6, NVO_A_MAC,
};
static const uint16_t keep_acl[] = {
	NVO_A_IFINDEX, NVO_A_VNI, NVO_A_ACL_PRIO, NVO_A_ACL_ACTION,
	NVO_A_RULE_DIR, NVO_A_RULE_ETHERTYPE, NVO_A_RULE_PROTO,
	NVO_A_RULE_PORT_MIN, NVO_A_RULE_PORT_MAX, NVO_A_ACL_SRC_IP4,
	NVO_A_ACL_SRC_IP6, NVO_A_ACL_SRC_PREFIX, NVO_A_ACL_DST_IP4,
	NVO_A_ACL_DST_IP6, NVO_A_ACL_DST_PREFIX,
};
static const uint16_t keep_router[] = {
	NVO_A_IFINDEX, NVO_A_ROUTER_ID, NVO_A_TENANT,
};
static const uint16_t keep_rif[] = {
	NVO_A_IFINDEX, NVO_A_ROUTER_ID, NVO_A_VNI, NVO_A_MAC, NVO_A_IP4,
	NVO_A_PREFIX4, NVO_A_IP6, NVO_A_PREFIX6,
};
static const uint16_t keep_route[] = {
	NVO_A_IFINDEX, NVO_A_ROUTER_ID, NVO_A_IP4, NVO_A_PREFIX4, NVO_A_IP6,
	NVO_A_PREFIX6, NVO_A_VIA4, NVO_A_VIA6,
};

#define KEEP(k)	k, sizeof(k) / sizeof(k[0])

/* In the baseline's order: groups before the rules naming them as their
 * remote group and the ports that have them; a port's VNI (with the
 * tenant a firewalled port needs) before the port; VNIs (with their
 * max-neigh) before their FDB entries, flood lists, neighbours and ACL
 * entries; VNIs (with the tenant of a router's interfaces) before
 * routers, routers before their interfaces, interfaces before the static
 * routes via their subnets. Connected routes (NVO_A_VNI, no next hop)
 * come with their interface: compared, not recreated.
 */
static const struct table tables[] = {
	{ "sg", NVO_CMD_SG_GET, NVO_CMD_SG_NEW, KEEP(keep_sg), 0 },
	{ "rule", NVO_CMD_RULE_GET, NVO_CMD_RULE_NEW, KEEP(keep_rule), 0 },
	{ "vni", NVO_CMD_VNI_GET, NVO_CMD_VNI_NEW, KEEP(keep_vni), 0 },
	{ "port", NVO_CMD_PORT_GET, NVO_CMD_PORT_NEW, KEEP(keep_port), 0 },
	{ "fdb", NVO_CMD_FDB_GET, NVO_CMD_FDB_NEW, KEEP(keep_fdb), 0 },
	{ "flood", NVO_CMD_FLOOD_GET, NVO_CMD_FLOOD_NEW, KEEP(keep_flood), 0 },
	{ "neigh", NVO_CMD_NEIGH_GET, NVO_CMD_NEIGH_NEW, KEEP(keep_neigh), 0 },
	{ "acl", NVO_CMD_ACL_GET, NVO_CMD_ACL_NEW, KEEP(keep_acl), 0 },
	{ "router", NVO_CMD_ROUTER_GET, NVO_CMD_ROUTER_NEW, KEEP(keep_router), 0 },
	{ "rif", NVO_CMD_RIF_GET, NVO_CMD_RIF_NEW, KEEP(keep_rif), 0 },
	{ "route", NVO_CMD_ROUTE_GET, NVO_CMD_ROUTE_NEW, KEEP(keep_route),
	  NVO_A_VNI },
};

#define NTABLES	(sizeof(tables) / sizeof(tables[0]))

/* One generic netlink dump message: a line of its attributes. */
static int genl_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct snap_arg *sa = arg;
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;
	struct line l = { .len = 0 };

	lput(&l, "%s cmd=%u", sa->what, g->cmd);
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		uint16_t t = mnl_attr_get_type(a);

		/* Counters (of frames, a tenant's connections, a rule's and
		 * an ACL entry's hits), and the padding before a u64, which
		 * depends on where in the dump the message falls on some
		 * architectures.
		 */
		if (t == NVO_A_STATS || t == NVO_A_AGE ||
		    t == NVO_A_CONN_COUNT || t == NVO_A_RULE_HITS ||
		    t == NVO_A_ACL_HITS || t == NVO_A_PAD)
			continue;
		/* Learned entries come and go with traffic and ageing. */
		if (t == NVO_A_FDB_FLAGS &&
		    (mnl_attr_get_u32(a) & NVO_FDB_F_LEARNED))
			return 0;
		if (t == NVO_A_NEIGH_FLAGS &&
		    (mnl_attr_get_u32(a) & NVO_NEIGH_F_LEARNED))
			return 0;
		if (t == NVO_A_IFINDEX && !strcmp(sa->what, "dev") &&
		    sa->ndevs < (int)(sizeof(sa->devs) / sizeof(sa->devs[0])))
			sa->devs[sa->ndevs++] = mnl_attr_get_u32(a);
		lhex(&l, a);
	}
	add_line(sa->lines, l.s);
	base_add(sa, nlh);
	return 0;
}

static void link_base(struct snap_arg *sa, const struct ifinfomsg *ifi,
		      const struct nlattr *data)
{
	const struct nlattr *a;
	struct fmsg *m;

	if (!sa->base || *sa->nbase >= sa->maxbase)
		return;
	m = &sa->base[(*sa->nbase)++];
	memset(m, 0, sizeof(*m));
	m->bus = BUS_RTNL;
	m->flags = NLM_F_REQUEST | NLM_F_ACK;
	m->ifindex = ifi->ifi_index;
	m->up = ifi->ifi_flags & IFF_UP;
	mnl_attr_for_each_nested(a, data)
		put_bin(m, mnl_attr_get_type(a), mnl_attr_get_payload(a),
			mnl_attr_get_payload_len(a));
}

/* One interface: what attaching it as a port, or link settings, change. */
static int link_cb(const struct nlmsghdr *nlh, void *arg)
{
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	struct snap_arg *sa = arg;
	const struct nlattr *a, *li, *data = NULL;
	struct line l = { .len = 0 };
	bool nvo = false;

	/* IFF_RUNNING and carrier follow link watch, asynchronously. */
	lput(&l, "link %d flags=%x", ifi->ifi_index,
	     ifi->ifi_flags & (IFF_UP | IFF_PROMISC));
	mnl_attr_for_each(a, nlh, sizeof(*ifi)) {
		switch (mnl_attr_get_type(a)) {
		case IFLA_IFNAME:
		case IFLA_MTU:
		case IFLA_MASTER:
		case IFLA_PROMISCUITY:
			lhex(&l, a);
			break;
		case IFLA_LINKINFO:
			mnl_attr_for_each_nested(li, a) {
				if (mnl_attr_get_type(li) == IFLA_INFO_KIND &&
				    !strcmp(mnl_attr_get_str(li), "nvo"))
					nvo = true;
				if (mnl_attr_get_type(li) == IFLA_INFO_DATA)
					data = li;
			}
			break;
		}
	}
	if (nvo && data) {
		mnl_attr_for_each_nested(li, data)
			lhex(&l, li);
		link_base(sa, ifi, data);
	}
	add_line(sa->lines, l.s);
	return 0;
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void lines_free(struct lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int genl_dump(struct nls *g, const struct world *w,
		     struct snap_arg *sa, uint8_t cmd, int ifindex)
{
	struct genlmsghdr gh = { .cmd = cmd, .version = NVO_GENL_VERSION };
	struct fattr dev = { .type = NVO_A_IFINDEX, .len = 4 };

	memcpy(dev.d, &ifindex, 4);
	return nls_dump(g, w->family, NLM_F_DUMP, &gh, sizeof(gh),
			&dev, ifindex ? 1 : 0, genl_cb, sa);
}

/* One attempt; -EINTR when a dump was inconsistent. */
static int take(struct nls *g, struct nls *r, const struct world *w,
		struct snap_arg *sa)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	unsigned int t;
	int err, i;

	sa->what = "dev";
	sa->table = NULL;
	sa->ndevs = 0;
	err = genl_dump(g, w, sa, NVO_CMD_DEV_GET, 0);
	if (err)
		return err;
	for (t = 0; t < NTABLES; t++) {
		for (i = 0; i < sa->ndevs; i++) {
			sa->what = tables[t].what;
			sa->table = &tables[t];
			err = genl_dump(g, w, sa, tables[t].cmd, sa->devs[i]);
			/* The device may go while we look (a fuzzed delete). */
			if (err && err != -ENODEV)
				return err;
		}
	}
	sa->table = NULL;
	return nls_dump(r, RTM_GETLINK, NLM_F_DUMP, &ifi,
			sizeof(ifi), NULL, 0, link_cb, sa);
}

static int snap_take_base(struct nls *g, struct nls *r, const struct world *w,
			  struct snap *s, struct fmsg *base, int *nbase,
			  int maxbase)
{
	struct lines l = { 0 };
	struct snap_arg sa;
	int err = -EINTR, tries;
	size_t i, len = 0;

	for (tries = 0; tries < 10 && err == -EINTR; tries++) {
		lines_free(&l);
		memset(&sa, 0, sizeof(sa));
		sa.lines = &l;
		if (base) {
			*nbase = 0;
			sa.base = base;
			sa.nbase = nbase;
			sa.maxbase = maxbase;
		}
		err = take(g, r, w, &sa);
	}
	if (err) {
		lines_free(&l);
		return err;
	}
	/* Table order follows hashing, which a resize may change. */
	qsort(l.v, l.n, sizeof(*l.v), cmp_line);
	for (i = 0; i < l.n; i++)
		len += strlen(l.v[i]) + 1;
	free(s->text);
	s->text = malloc(len + 1);
	if (!s->text)
		abort();
	s->len = 0;
	for (i = 0; i < l.n; i++)
		s->len += sprintf(s->text + s->len, "%s\n", l.v[i]);
	lines_free(&l);
	return 0;
}

int snap_take(struct nls *g, struct nls *r, const struct world *w,
	      struct snap *s)
{
	return snap_take_base(g, r, w, s, NULL, NULL, 0);
}

int baseline_take(struct nls *g, struct nls *r, const struct world *w,
		  struct snap *s, struct fmsg *base, int *nbase, int maxbase)
{
	return snap_take_base(g, r, w, s, base, nbase, maxbase);
}

bool snap_equal(const struct snap *a, const struct snap *b)
{
	return a->len == b->len && !memcmp(a->text, b->text, a->len);
}

/* Prints what changed from a to b: lines gone ("-") and new ("+"). */
void snap_diff(const struct snap *a, const struct snap *b)
{
	const char *p = a->text, *q = b->text;
	const char *pe = a->text + a->len, *qe = b->text + b->len;
	int shown = 0;

	while ((p < pe || q < qe) && shown < 40) {
		size_t lp = p < pe ? (size_t)(strchr(p, '\n') - p) : 0;
		size_t lq = q < qe ? (size_t)(strchr(q, '\n') - q) : 0;
		int c;

		if (p >= pe)
			c = 1;
		else if (q >= qe)
			c = -1;
		else {
			c = strncmp(p, q, lp < lq ? lp : lq);
			if (!c)
				c = lp < lq ? -1 : lp > lq ? 1 : 0;
		}
		if (!c) {
			p += lp + 1;
			q += lq + 1;
			continue;
		}
		if (c < 0) {
			printf("    - %.*s\n", (int)lp, p);
			p += lp + 1;
		} else {
			printf("    + %.*s\n", (int)lq, q);
			q += lq + 1;
		}
		shown++;
	}
}

void snap_free(struct snap *s)
{
	free(s->text);
	memset(s, 0, sizeof(*s));
}
