// SPDX-License-Identifier: GPL-2.0
/*
 * The corpus: well-formed requests for the devices, VNIs, ports, MACs,
 * remotes, security groups and rules, neighbours, ACL entries, routers,
 * router interfaces and routes that exist (so that many succeed and the
 * rest fail deep in nvo's handlers rather than at the first lookup), with
 * some plausible values that do not exist or are out of range mixed in.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>

#include "nlfuzz.h"

void put_bin(struct fmsg *m, uint16_t type, const void *p, size_t len)
{
	struct fattr *a;

	if (m->n >= MAX_ATTRS)
		return;
	if (len > MAX_PAYLOAD)
		len = MAX_PAYLOAD;
	a = &m->a[m->n++];
	a->type = type;
	a->len = len;
	memcpy(a->d, p, len);
}

void put_u32(struct fmsg *m, uint16_t type, uint32_t v)
{
	put_bin(m, type, &v, 4);
}

void put_u8(struct fmsg *m, uint16_t type, uint8_t v)
{
	put_bin(m, type, &v, 1);
}

void put_u16(struct fmsg *m, uint16_t type, uint16_t v)
{
	put_bin(m, type, &v, 2);
}

void put_str(struct fmsg *m, uint16_t type, const char *s)
{
	put_bin(m, type, s, strlen(s) + 1);
}

/* Appends an attribute to NEST's payload, unless it does not fit. */
void nest_put(struct fattr *nest, uint16_t type, const void *p, size_t len)
{
	struct nlattr hdr = { .nla_len = 4 + len, .nla_type = type };
	size_t sz = MNL_ALIGN(4 + len);

	if (nest->len + sz > MAX_PAYLOAD)
		return;
	memcpy(nest->d + nest->len, &hdr, 4);
	memcpy(nest->d + nest->len + 4, p, len);
	memset(nest->d + nest->len + 4 + len, 0, sz - 4 - len);
	nest->len += sz;
}

static int dev_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct world *w = arg;
	const struct nlattr *a;

	if (w->ndevs >= MAX_DEVS)
		return 0;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) == NVO_A_IFINDEX)
			w->dev_ifindex[w->ndevs] = mnl_attr_get_u32(a);
		else if (mnl_attr_get_type(a) == NVO_A_IFNAME)
			snprintf(w->dev_name[w->ndevs], 16, "%s",
				 mnl_attr_get_str(a));
	}
	w->ndevs++;
	return 0;
}

const struct fattr *fattr_find(const struct fmsg *m, uint16_t type)
{
	unsigned int i;

	for (i = 0; i < m->n; i++)
		if (m->a[i].type == type)
			return &m->a[i];
	return NULL;
}

/* One baseline request's security group, port or rule, for the corpus. */
static void world_sec(const struct fmsg *b, struct world *w)
{
	const struct fattr *sg = fattr_find(b, NVO_A_SG_ID);
	const struct fattr *a;
	uint32_t v = 0;
	int k;

	if (b->bus != BUS_GENL)
		return;
	if (sg) {
		uint16_t id;

		memcpy(&id, sg->d, 2);
		if (id >= FILL_SG && id < FILL_SG + FILL_SG_MAX)
			return;
	}
	if (b->cmd == NVO_CMD_SG_NEW && sg && w->nsgs < MAX_SGS) {
		memcpy(&w->sg[w->nsgs], sg->d, 2);
		for (k = 0; k < w->nsgs && w->sg[k] != w->sg[w->nsgs]; k++)
			;
		if (k < w->nsgs)
			return;
		a = fattr_find(b, NVO_A_SG_NAME);
		snprintf(w->sg_name[w->nsgs], NVO_SG_NAME_LEN, "%.*s",
			 a ? (int)a->len : 0, a ? (const char *)a->d : "");
		w->nsgs++;
	}
	a = fattr_find(b, NVO_A_RULE_ID);
	if (b->cmd == NVO_CMD_RULE_NEW && sg && a && w->nrules < MAX_RULES) {
		memcpy(&w->rule[w->nrules].sg, sg->d, 2);
		memcpy(&w->rule[w->nrules].id, a->d, 4);
		w->nrules++;
	}
	a = fattr_find(b, NVO_A_PORT_IFINDEX);
	if (b->cmd == NVO_CMD_PORT_NEW && a && w->nports < MAX_IFS) {
		memcpy(&v, a->d, 4);
		w->port_if[w->nports++] = v;
	}
}

/* One baseline request's neighbour or ACL entry, for the corpus. */
static void world_vni_tables(const struct fmsg *b, struct world *w)
{
	const struct fattr *vni = fattr_find(b, NVO_A_VNI);
	const struct fattr *a;

	if (b->bus != BUS_GENL || !vni)
		return;
	if (b->cmd == NVO_CMD_NEIGH_NEW && w->nneighs < MAX_NEIGHS) {
		a = fattr_find(b, NVO_A_IP4) ?: fattr_find(b, NVO_A_IP6);
		if (!a || (a->len != 4 && a->len != 16))
			return;
		memcpy(&w->neigh[w->nneighs].vni, vni->d, 4);
		w->neigh[w->nneighs].v6 = a->len == 16;
		memcpy(w->neigh[w->nneighs].ip, a->d, a->len);
		w->nneighs++;
	}
	a = fattr_find(b, NVO_A_ACL_PRIO);
	if (b->cmd == NVO_CMD_ACL_NEW && a && w->nacls < MAX_ACLS) {
		memcpy(&w->acl[w->nacls].vni, vni->d, 4);
		memcpy(&w->acl[w->nacls].prio, a->d, 4);
		w->nacls++;
	}
}

/* One baseline request's router, router interface or static route, for
 * the corpus (those of FILL_ROUTER left out).
 */
static void world_l3(const struct fmsg *b, struct world *w)
{
	const struct fattr *id = fattr_find(b, NVO_A_ROUTER_ID);
	const struct fattr *a, *vni = fattr_find(b, NVO_A_VNI);
	uint32_t router;

	if (b->bus != BUS_GENL || !id || id->len != 4)
		return;
	memcpy(&router, id->d, 4);
	if (router == FILL_ROUTER)
		return;
	a = fattr_find(b, NVO_A_TENANT);
	if (b->cmd == NVO_CMD_ROUTER_NEW && a && a->len == 2 &&
	    w->nrouters < MAX_ROUTERS) {
		w->router[w->nrouters].id = router;
		memcpy(&w->router[w->nrouters].tenant, a->d, 2);
		w->nrouters++;
	}
	if (b->cmd == NVO_CMD_RIF_NEW && vni && w->nrifs < MAX_RIFS) {
		typeof(w->rif[0]) *r = &w->rif[w->nrifs];

		memset(r, 0, sizeof(*r));
		r->router = router;
		memcpy(&r->vni, vni->d, 4);
		if ((a = fattr_find(b, NVO_A_IP4)) && a->len == 4) {
			r->has4 = true;
			memcpy(r->ip4, a->d, 4);
			a = fattr_find(b, NVO_A_PREFIX4);
			r->plen4 = a && a->len == 1 ? a->d[0] : 24;
		}
		if ((a = fattr_find(b, NVO_A_IP6)) && a->len == 16) {
			r->has6 = true;
			memcpy(r->ip6, a->d, 16);
			a = fattr_find(b, NVO_A_PREFIX6);
			r->plen6 = a && a->len == 1 ? a->d[0] : 64;
		}
		w->nrifs++;
	}
	if (b->cmd == NVO_CMD_ROUTE_NEW && w->nroutes < MAX_ROUTES) {
		typeof(w->route[0]) *r = &w->route[w->nroutes];
		const struct fattr *plen;

		a = fattr_find(b, NVO_A_IP4) ?: fattr_find(b, NVO_A_IP6);
		if (!a || (a->len != 4 && a->len != 16))
			return;
		r->router = router;
		r->v6 = a->len == 16;
		memcpy(r->ip, a->d, a->len);
		plen = fattr_find(b, r->v6 ? NVO_A_PREFIX6 : NVO_A_PREFIX4);
		r->plen = plen && plen->len == 1 ? plen->d[0] : r->v6 ? 128 : 32;
		w->nroutes++;
	}
}

/* Devices, interfaces, and the VNIs (with their tenants), MACs, ports,
 * security groups, rules, neighbours, ACL entries, routers, router
 * interfaces and static routes of the baseline.
 */
void world_read(struct nls *g, const struct fmsg *base, int nbase,
		struct world *w)
{
	struct genlmsghdr gh = { .cmd = NVO_CMD_DEV_GET, .version = 1 };
	struct if_nameindex *ifs, *i;
	const struct fattr *a;
	int b, k;

	w->ndevs = 0;
	nls_dump(g, w->family, NLM_F_DUMP, &gh, sizeof(gh), NULL, 0,
		 dev_cb, w);
	ifs = if_nameindex();
	w->nifs = 0;
	for (i = ifs; i && i->if_index && w->nifs < MAX_IFS; i++) {
		w->if_index[w->nifs] = i->if_index;
		snprintf(w->if_name[w->nifs], 16, "%s", i->if_name);
		w->nifs++;
	}
	if (ifs)
		if_freenameindex(ifs);
	w->nsgs = w->nrules = w->nports = w->nneighs = w->nacls = 0;
	w->nrouters = w->nrifs = w->nroutes = 0;
	for (b = 0; b < nbase; b++) {
		a = fattr_find(&base[b], NVO_A_VNI);
		if (a && base[b].bus == BUS_GENL && w->nvnis < MAX_VNIS) {
			uint32_t v;

			memcpy(&v, a->d, 4);
			for (k = 0; k < w->nvnis && w->vni[k] != v; k++)
				;
			if (k == w->nvnis) {
				w->vni_tenant[k] = 0;
				w->vni[w->nvnis++] = v;
			}
			/* (a VNI number of several devices: any tenant) */
			a = fattr_find(&base[b], NVO_A_TENANT);
			if (base[b].cmd == NVO_CMD_VNI_NEW && a && a->len == 2 &&
			    a->d[0] | a->d[1])
				memcpy(&w->vni_tenant[k], a->d, 2);
		}
		a = fattr_find(&base[b], NVO_A_MAC);
		if (a && w->nmacs < MAX_MACS)
			memcpy(w->mac[w->nmacs++], a->d, 6);
		world_sec(&base[b], w);
		world_vni_tables(&base[b], w);
		world_l3(&base[b], w);
	}
}

bool cmd_mutating(int bus, uint8_t cmd)
{
	if (bus == BUS_RTNL)
		return true;
	switch (cmd) {
	case NVO_CMD_VNI_NEW: case NVO_CMD_VNI_DEL: case NVO_CMD_VNI_SET:
	case NVO_CMD_PORT_NEW: case NVO_CMD_PORT_DEL:
	case NVO_CMD_FDB_NEW: case NVO_CMD_FDB_DEL:
	case NVO_CMD_FLOOD_NEW: case NVO_CMD_FLOOD_DEL:
	case NVO_CMD_PORT_SET:
	case NVO_CMD_SG_NEW: case NVO_CMD_SG_DEL:
	case NVO_CMD_RULE_NEW: case NVO_CMD_RULE_DEL:
	case NVO_CMD_ACL_NEW: case NVO_CMD_ACL_DEL:
	case NVO_CMD_NEIGH_NEW: case NVO_CMD_NEIGH_DEL:
	case NVO_CMD_CONN_FLUSH:
	case NVO_CMD_ROUTER_NEW: case NVO_CMD_ROUTER_DEL:
	case NVO_CMD_RIF_NEW: case NVO_CMD_RIF_DEL:
	case NVO_CMD_ROUTE_NEW: case NVO_CMD_ROUTE_DEL:
		return true;
	}
	return false;
}

/* The device: mostly the first (which the baseline fills), sometimes
 * another, an interface that is no nvo device, or none that exists.
 */
static void pick_dev(const struct world *w, struct fmsg *m)
{
	int i = chance(80) || !w->ndevs ? 0 : rndn(w->ndevs);

	if (!w->ndevs || chance(3)) {
		if (chance(50) && w->nifs)
			put_u32(m, NVO_A_IFINDEX, w->if_index[rndn(w->nifs)]);
		else if (chance(50))
			put_u32(m, NVO_A_IFINDEX, 100000 + rndn(10));
		else
			put_str(m, NVO_A_IFNAME, "nosuch0");
		return;
	}
	if (chance(60))
		put_u32(m, NVO_A_IFINDEX, w->dev_ifindex[i]);
	else
		put_str(m, NVO_A_IFNAME, w->dev_name[i]);
}

/*
 * Without CAP_NET_ADMIN, a request the policy rejects fails with EINVAL
 * or ERANGE before nvo checks the capability: the unprivileged run draws
 * only values the policy accepts, to expect EPERM from every corpus one.
 */
bool corpus_policy_valid;

static uint32_t pick_vni_value(const struct world *w)
{
	static const uint32_t odd[] = {
		0, 1, 4095, 4096, NVO_VNI_MAX, NVO_VNI_MAX + 1, 0xffffffff,
		0x80000000,
	};

	if (w->nvnis && chance(75))
		return w->vni[rndn(w->nvnis)];
	if (chance(60) || corpus_policy_valid)
		return 1 + rndn(20000);
	return odd[rndn(sizeof(odd) / sizeof(odd[0]))];
}

static void pick_mac(const struct world *w, struct fmsg *m)
{
	static const uint8_t odd[][6] = {
		{ 0, 0, 0, 0, 0, 0 },
		{ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
		{ 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 },
		{ 0x33, 0x33, 0x00, 0x00, 0x00, 0x01 },
	};
	uint8_t mac[6];
	int i;

	if (w->nmacs && chance(60)) {
		put_bin(m, NVO_A_MAC, w->mac[rndn(w->nmacs)], 6);
		return;
	}
	if (chance(10)) {
		put_bin(m, NVO_A_MAC, odd[rndn(4)], 6);
		return;
	}
	for (i = 0; i < 6; i++)
		mac[i] = rnd();
	mac[0] = (mac[0] & 0xfe) | 0x02;
	put_bin(m, NVO_A_MAC, mac, 6);
}

static void pick_remote(struct fmsg *m)
{
	static const char *const v4[] = {
		"10.99.0.2", "10.99.0.3", "10.99.0.4", "192.0.2.7",
		"0.0.0.0", "224.0.0.1", "255.255.255.255", "127.0.0.1",
	};
	static const char *const v6[] = {
		"2001:db8:99::2", "2001:db8:99::3", "::", "::1", "ff02::1",
		"::ffff:10.99.0.2", "fe80::1",
	};
	uint8_t buf[16];

	if (chance(75)) {
		inet_pton(AF_INET, v4[chance(80) ? rndn(4) : rndn(8)], buf);
		put_bin(m, NVO_A_REMOTE_IP4, buf, 4);
	} else {
		inet_pton(AF_INET6, v6[chance(70) ? rndn(2) : rndn(7)], buf);
		put_bin(m, NVO_A_REMOTE_IP6, buf, 16);
	}
}

static void pick_port(const struct world *w, struct fmsg *m)
{
	int i = rndn(w->nifs);

	if (!w->nifs || chance(3)) {
		put_str(m, NVO_A_PORT_IFNAME, "noport0");
		return;
	}
	if (chance(60))
		put_u32(m, NVO_A_PORT_IFINDEX, w->if_index[i]);
	else
		put_str(m, NVO_A_PORT_IFNAME, w->if_name[i]);
}

/* A port of the baseline mostly (port settings fail at the lookup
 * otherwise), else any interface.
 */
static void pick_attached(const struct world *w, struct fmsg *m)
{
	if (w->nports && chance(75))
		put_u32(m, NVO_A_PORT_IFINDEX, w->port_if[rndn(w->nports)]);
	else
		pick_port(w, m);
}

/* A VNI's tenant: none, the baseline's, the largest, any. */
static uint16_t pick_tenant(void)
{
	static const uint16_t odd[] = { 0, 1, 10, 11, 65535 };

	return chance(70) ? odd[rndn(5)] : rnd();
}

/* A security group id: mostly one of the baseline's, else one that may
 * not exist, the largest, or 0 (which the policy refuses).
 */
static uint16_t pick_sg_id(const struct world *w)
{
	static const uint16_t odd[] = {
		1, 2, 255, 256, FILL_SG, FILL_SG + 1, FILL_SG + 199, 65534,
		65535,
	};

	if (w->nsgs && chance(70))
		return w->sg[rndn(w->nsgs)];
	if (chance(60))
		return 1 + rndn(64);
	if (chance(90) || corpus_policy_valid)
		return odd[rndn(sizeof(odd) / sizeof(odd[0]))];
	return 0;
}

/* A name: another group's (taken) or its own, new ones, the longest
 * (NVO_SG_NAME_LEN - 1), empty, and one too long or unterminated.
 */
static void pick_sg_name(const struct world *w, struct fmsg *m)
{
	static const char *const names[] = {
		"web", "db", "ops", "default", "", "a",
		"0123456789abcdef0123456789abcde",
	};
	char buf[NVO_SG_NAME_LEN + 1];

	if (w->nsgs && chance(30)) {
		put_str(m, NVO_A_SG_NAME, w->sg_name[rndn(w->nsgs)]);
		return;
	}
	if (!corpus_policy_valid && chance(10)) {
		memset(buf, 'x', sizeof(buf));
		buf[NVO_SG_NAME_LEN] = 0;
		put_bin(m, NVO_A_SG_NAME, buf, chance(50) ? sizeof(buf) :
			NVO_SG_NAME_LEN);
		return;
	}
	if (chance(50)) {
		snprintf(buf, sizeof(buf), "sg-%u", rndn(100));
		put_str(m, NVO_A_SG_NAME, buf);
		return;
	}
	put_str(m, NVO_A_SG_NAME, names[rndn(sizeof(names) / sizeof(names[0]))]);
}

/* A port's groups: distinct ones of the baseline, none, all it may have,
 * or a list nvo must refuse whole (a group that does not exist, one twice,
 * an odd length; past the policy's: id 0, more than NVO_PORT_SG_MAX).
 */
static void put_sg_ids(const struct world *w, struct fmsg *m)
{
	uint16_t ids[NVO_PORT_SG_MAX + 1];
	unsigned int n = rndn(4), i, first = rndn(w->nsgs), len;

	if (chance(10))
		n = NVO_PORT_SG_MAX;
	for (i = 0; i < n; i++)
		ids[i] = i < (unsigned int)w->nsgs ?
			 w->sg[(first + i) % w->nsgs] : pick_sg_id(w);
	if (n && chance(20))
		ids[rndn(n)] = chance(50) ? ids[0] : pick_sg_id(w);
	len = n * sizeof(ids[0]);
	if (!corpus_policy_valid && chance(5)) {
		for (; n <= NVO_PORT_SG_MAX; n++)
			ids[n] = 1 + n;
		len = n * sizeof(ids[0]);
	} else if (chance(5) && len < sizeof(ids) - sizeof(ids[0])) {
		ids[n] = 1;
		len++;
	}
	put_bin(m, NVO_A_SG_IDS, ids, len);
}

static void put_port_sec(const struct world *w, struct fmsg *m, int pct)
{
	if (chance(pct))
		put_sg_ids(w, m);
	if (chance(pct))
		put_u8(m, NVO_A_PORT_SECURITY, chance(95) || corpus_policy_valid ?
		       rndn(2) : 2 + rndn(254));
}

/* A rule id: one the group has, others, the largest (after which the
 * next automatic id wraps), 0 (which the policy refuses).
 */
static uint32_t pick_rule_id(const struct world *w, uint16_t sg)
{
	static const uint32_t odd[] = { 1, 2, 100, 0x7fffffff, 0xffffffff };
	int k, n = 0, pick = -1;

	for (k = 0; k < w->nrules; k++)
		if (w->rule[k].sg == sg && !rndn(++n))
			pick = k;
	if (pick >= 0 && chance(60))
		return w->rule[pick].id;
	if (chance(70))
		return 1 + rndn(300);
	if (chance(90) || corpus_policy_valid)
		return odd[rndn(sizeof(odd) / sizeof(odd[0]))];
	return 0;
}

/* Destination ports: one (either end given), a range, one given twice,
 * a range that ends before it starts.
 */
static void rule_ports(struct fmsg *m)
{
	static const uint16_t ports[] = { 0, 1, 22, 53, 80, 443, 1024, 5432, 65535 };
	uint16_t lo = chance(70) ? ports[rndn(9)] : rnd();
	uint16_t hi = chance(70) ? ports[rndn(9)] : rnd();

	switch (rndn(4)) {
	case 0:
		put_u16(m, NVO_A_RULE_PORT_MIN, lo);
		break;
	case 1:
		put_u16(m, NVO_A_RULE_PORT_MAX, lo);
		break;
	case 2:
		if (lo > hi && chance(90)) {
			uint16_t t = lo;

			lo = hi;
			hi = t;
		}
		put_u16(m, NVO_A_RULE_PORT_MIN, lo);
		put_u16(m, NVO_A_RULE_PORT_MAX, hi);
		break;
	default:
		put_u16(m, NVO_A_RULE_PORT_MIN, lo);
		put_u16(m, NVO_A_RULE_PORT_MAX, lo);
		break;
	}
}

static void rule_icmp(struct fmsg *m, bool v6)
{
	static const uint8_t t4[] = { 0, 3, 8, 11, 255 };
	static const uint8_t t6[] = { 1, 2, 128, 129, 135 };

	if (chance(90))
		put_u8(m, NVO_A_RULE_ICMP_TYPE, v6 ? t6[rndn(5)] : t4[rndn(5)]);
	if (chance(50))
		put_u8(m, NVO_A_RULE_ICMP_CODE, chance(80) ? rndn(5) : rnd());
}

/* A prefix of the family V6 mostly: with its length, the default one (a
 * host), any length, host bits set; past the policy's: a length over 128.
 * A4, A6, PLEN: its attributes, those of a rule's remote or of an ACL
 * entry's source or destination.
 */
static void put_cidr(struct fmsg *m, bool v6, uint16_t a4, uint16_t a6,
		     uint16_t plen)
{
	static const struct { const char *a; uint8_t len; } c4[] = {
		{ "10.0.0.0", 8 }, { "192.0.2.0", 24 }, { "0.0.0.0", 0 },
		{ "10.99.0.2", 32 }, { "10.0.0.1", 8 }, { "255.255.255.255", 32 },
	}, c6[] = {
		{ "2001:db8::", 32 }, { "::", 0 }, { "2001:db8:99::2", 128 },
		{ "fe80::1", 64 }, { "ff02::", 16 },
	};
	uint8_t buf[16];
	unsigned int i;

	if (chance(10))
		v6 = !v6;
	if (v6) {
		i = rndn(5);
		inet_pton(AF_INET6, c6[i].a, buf);
		put_bin(m, a6, buf, 16);
	} else {
		i = rndn(6);
		inet_pton(AF_INET, c4[i].a, buf);
		put_bin(m, a4, buf, 4);
	}
	if (chance(15))
		return;
	if (chance(80))
		put_u8(m, plen, v6 ? c6[i].len : c4[i].len);
	else
		put_u8(m, plen, chance(90) || corpus_policy_valid ?
		       rndn(129) : 129 + rndn(127));
}

static void rule_cidr(struct fmsg *m, bool v6)
{
	put_cidr(m, v6, NVO_A_RULE_REMOTE_IP4, NVO_A_RULE_REMOTE_IP6,
		 NVO_A_RULE_REMOTE_PREFIX);
}

static bool proto_has_ports(uint8_t p)
{
	return p == IPPROTO_TCP || p == IPPROTO_UDP || p == IPPROTO_UDPLITE ||
	       p == IPPROTO_SCTP || p == IPPROTO_DCCP;
}

/* NVO_CMD_RULE_NEW: mostly consistent rules of both families (ports
 * with a protocol that has them, ICMP types with the family's ICMP), so
 * that most reach the duplicate and remote checks, and each of those
 * combinations broken now and then.
 */
static void rule_msg(const struct world *w, struct fmsg *m)
{
	static const uint8_t protos[] = {
		IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP, IPPROTO_UDPLITE,
		IPPROTO_SCTP, IPPROTO_DCCP, 0, IPPROTO_GRE, 255,
	};
	static const uint16_t odd_eth[] = { 0x0806, 0, 0xffff, 0x0008, 0xdd86 };
	bool v6 = chance(40);
	uint16_t sg = pick_sg_id(w);
	uint8_t proto = protos[chance(70) ? rndn(3) : rndn(9)];
	bool icmp;

	put_u16(m, NVO_A_SG_ID, sg);
	if (chance(30))
		put_u32(m, NVO_A_RULE_ID, pick_rule_id(w, sg));
	if (chance(97))
		put_u8(m, NVO_A_RULE_DIR, chance(95) || corpus_policy_valid ?
		       1 + rndn(2) : (chance(50) ? 0 : 3 + rndn(253)));
	if (chance(97))
		put_u16(m, NVO_A_RULE_ETHERTYPE, chance(95) ?
			(v6 ? 0x86dd : 0x0800) : odd_eth[rndn(5)]);
	/* the family's ICMP, mostly */
	if (proto == IPPROTO_ICMP && v6 && chance(80))
		proto = IPPROTO_ICMPV6;
	icmp = proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6;
	if (proto || chance(30))
		put_u8(m, NVO_A_RULE_PROTO, proto);
	if (proto_has_ports(proto) ? chance(70) : chance(5))
		rule_ports(m);
	if (icmp ? chance(60) : chance(5))
		rule_icmp(m, v6);
	switch (rndn(10)) {
	case 4: case 5: case 6:
		rule_cidr(m, v6);
		break;
	case 7: case 8:
		put_u16(m, NVO_A_RULE_REMOTE_SG, chance(30) ? sg : pick_sg_id(w));
		break;
	case 9:
		/* both: refused */
		rule_cidr(m, v6);
		put_u16(m, NVO_A_RULE_REMOTE_SG, pick_sg_id(w));
		break;
	}
}

static uint32_t ip4(const char *s)
{
	uint32_t a = 0;

	inet_pton(AF_INET, s, &a);
	return a;
}

/* A binding's routes: N of them to the gateway GW, then maybe one wrong
 * (host bits set, a nonzero pad, no gateway, a prefix length past 32) or
 * an odd length. 0 routes: the attribute empty (refused).
 */
static void dhcp_routes(struct fattr *nest, unsigned int n, uint32_t gw)
{
	static const struct {
		const char *dst;
		uint8_t plen;
	} dst[] = {
		{ "0.0.0.0", 0 }, { "10.2.0.0", 16 }, { "192.168.0.0", 16 },
		{ "10.9.9.9", 32 }, { "172.16.0.0", 12 }, { "10.3.4.0", 24 },
	};
	struct nvo_dhcp_route rt[NVO_DHCP_ROUTES_MAX + 1];
	size_t len = n * sizeof(rt[0]);
	unsigned int i, k;

	memset(rt, 0, sizeof(rt));
	for (i = 0; i < n; i++) {
		k = rndn(sizeof(dst) / sizeof(dst[0]));
		rt[i].dst = ip4(dst[k].dst);
		rt[i].prefix = dst[k].plen;
		if (chance(20)) {
			rt[i].dst = htonl(0x0b000000 | i << 16);
			rt[i].prefix = 16;
		}
		rt[i].gw = chance(80) ? gw : ip4("10.0.0.254");
	}
	if (n && chance(15)) {
		k = rndn(n);
		switch (rndn(5)) {
		case 0:
			rt[k].dst = ip4("10.2.0.1");
			rt[k].prefix = 16;
			break;
		case 1:
			rt[k].pad[rndn(3)] = 1 + rndn(255);
			break;
		case 2:
			rt[k].gw = 0;
			break;
		case 3:
			rt[k].prefix = 33 + rndn(223);
			break;
		default:
			len -= 1 + rndn(sizeof(rt[0]) - 1);
			break;
		}
	}
	nest_put(nest, NVO_DHCP_ROUTES, rt, len);
}

/*
 * NVO_A_DHCP, for PORT_NEW and PORT_SET: the empty nest (no binding: one
 * there goes), or a binding with every attribute or some (the address and
 * its prefix length, then routes, then the others as they fit in
 * MAX_PAYLOAD): subnets from /1 to /30, the default /24. And, now and
 * then, a binding nvo refuses whole: no address; the address the
 * subnet's network or broadcast, zero, multicast, loopback; the gateway
 * the address itself, off the subnet, its network or broadcast; no DNS
 * server or an odd length; a domain with other characters, or empty;
 * routes with host bits, a nonzero pad, no gateway, an odd length; and
 * past the policy's: a prefix length of 0, 31 or 32, 5 DNS servers, a
 * domain of 64 bytes, MTU 60, lease 10, 17 routes.
 */
static void put_dhcp(struct fmsg *m)
{
	static const struct {
		const char *addr, *gw;
		int plen;	/* -1: none given (24) */
	} nets[] = {
		{ "10.0.0.10", "10.0.0.1", 24 }, { "192.168.1.100", "192.168.1.1", -1 },
		{ "172.16.5.2", "172.16.5.1", 30 }, { "10.1.2.3", "10.200.0.1", 8 },
		{ "100.64.0.5", "100.127.255.254", 10 }, { "10.0.0.2", "100.0.0.1", 1 },
		/* refused: not a host address of its subnet */
		{ "10.0.0.0", "10.0.0.1", 24 }, { "10.0.0.255", "10.0.0.1", -1 },
		{ "172.16.5.3", "172.16.5.1", 30 }, { "0.0.0.5", "0.0.0.1", 8 },
		{ "224.0.0.5", "224.0.0.1", 24 }, { "127.0.0.2", "127.0.0.1", 8 },
		{ "255.255.255.255", "10.0.0.1", 24 },
	};
	static const char *const domains[] = {
		"example.com", "a", "tenant-1.example.org", "0.1-x",
		/* refused */
		"bad_domain", "has space.example", "", "caf\xc3\xa9.example",
	};
	/* the last ones past the policy's */
	static const uint16_t mtus[] = {
		68, 576, 1450, 1500, 9000, 65535, 0, 60, 67,
	};
	static const uint32_t leases[] = {
		60, 61, 3600, 86400, 0xffffffff, 0, 10, 59,
	};
	struct fattr nest = { .type = NVO_A_DHCP | NLA_F_NESTED };
	unsigned int k, i, n;
	bool all = chance(30);
	uint32_t addr, gw, mask, dns[NVO_DHCP_DNS_MAX + 1];
	uint8_t plen;
	char dom[NVO_DHCP_DOMAIN_LEN + 1];

	if (chance(15)) {
		/* no binding */
		put_bin(m, nest.type, nest.d, 0);
		return;
	}
	k = chance(80) ? rndn(6) : rndn(sizeof(nets) / sizeof(nets[0]));
	addr = ip4(nets[k].addr);
	plen = nets[k].plen < 0 ? 24 : nets[k].plen;
	mask = htonl(~0u << (32 - plen));
	gw = ip4(nets[k].gw);
	if (chance(97))
		nest_put(&nest, NVO_DHCP_ADDR, &addr, 4);
	if (!corpus_policy_valid && chance(4)) {
		static const uint8_t odd[] = { 0, 31, 32 };

		nest_put(&nest, NVO_DHCP_PREFIX, &odd[rndn(3)], 1);
	} else if (nets[k].plen >= 0) {
		nest_put(&nest, NVO_DHCP_PREFIX, &plen, 1);
	}
	if (all || chance(30)) {
		n = chance(15) ? NVO_DHCP_ROUTES_MAX : 1 + rndn(3);
		if (chance(3))
			n = 0;
		else if (!corpus_policy_valid && chance(3))
			n = NVO_DHCP_ROUTES_MAX + 1;
		dhcp_routes(&nest, n, gw);
	}
	if (all || chance(50)) {
		if (chance(15)) {
			switch (rndn(5)) {
			case 0:
				gw = addr;
				break;
			case 1:
				gw = addr ^ htonl(1u << (32 - plen));
				break;
			case 2:
				gw = addr & mask;
				break;
			case 3:
				gw = addr | ~mask;
				break;
			default:
				gw = ip4(chance(50) ? "0.0.0.0" : "224.0.0.1");
				break;
			}
		}
		nest_put(&nest, NVO_DHCP_GW, &gw, 4);
	}
	if (all || chance(40)) {
		n = 4 * (1 + rndn(NVO_DHCP_DNS_MAX));
		for (i = 0; i <= NVO_DHCP_DNS_MAX; i++)
			dns[i] = htonl(0x0a000035 + (i << 8));
		if (chance(4))
			n = 0;
		else if (chance(4))
			n = 6;
		else if (!corpus_policy_valid && chance(4))
			n = 4 * (NVO_DHCP_DNS_MAX + 1);
		nest_put(&nest, NVO_DHCP_DNS, dns, n);
	}
	if (all || chance(40)) {
		i = chance(85) ? rndn(4) : rndn(sizeof(domains) / sizeof(domains[0]));
		snprintf(dom, sizeof(dom), "%s", domains[i]);
		if (chance(5)) {
			/* the longest, or (past the policy's) one byte more */
			n = NVO_DHCP_DOMAIN_LEN - 1;
			if (!corpus_policy_valid && chance(50))
				n++;
			memset(dom, 'd', n);
			dom[n] = 0;
		}
		nest_put(&nest, NVO_DHCP_DOMAIN, dom, strlen(dom) + 1);
	}
	if (all || chance(30)) {
		i = rndn(corpus_policy_valid || chance(90) ? 6 : 9);
		nest_put(&nest, NVO_DHCP_MTU, &mtus[i], 2);
	}
	if (all || chance(40)) {
		i = rndn(corpus_policy_valid || chance(90) ? 5 : 8);
		nest_put(&nest, NVO_DHCP_LEASE, &leases[i], 4);
	}
	put_bin(m, nest.type, nest.d, nest.len);
}

/* A security group command other than RULE_NEW, or a port's groups. */
static void sg_msg(const struct world *w, struct fmsg *m)
{
	uint16_t sg;

	switch (m->cmd) {
	case NVO_CMD_SG_NEW:
		put_u16(m, NVO_A_SG_ID, chance(50) ? pick_sg_id(w) : 1 + rndn(64));
		if (chance(70))
			pick_sg_name(w, m);
		if (chance(30))
			put_u32(m, NVO_A_FLAGS, chance(90) || corpus_policy_valid ?
				NVO_F_REPLACE : rnd());
		break;
	case NVO_CMD_SG_DEL:
		if (chance(97))
			put_u16(m, NVO_A_SG_ID, pick_sg_id(w));
		break;
	case NVO_CMD_SG_GET:
		if (chance(50))
			put_u16(m, NVO_A_SG_ID, pick_sg_id(w));
		else
			m->flags |= NLM_F_DUMP;
		break;
	case NVO_CMD_RULE_GET:
		if (chance(40))
			put_u16(m, NVO_A_SG_ID, pick_sg_id(w));
		if (chance(95))
			m->flags |= NLM_F_DUMP;
		break;
	case NVO_CMD_RULE_DEL:
		if (w->nrules && chance(60)) {
			int k = rndn(w->nrules);

			put_u16(m, NVO_A_SG_ID, w->rule[k].sg);
			put_u32(m, NVO_A_RULE_ID, w->rule[k].id);
			break;
		}
		sg = pick_sg_id(w);
		put_u16(m, NVO_A_SG_ID, sg);
		if (chance(97))
			put_u32(m, NVO_A_RULE_ID, pick_rule_id(w, sg));
		break;
	case NVO_CMD_PORT_SET:
		pick_attached(w, m);
		put_port_sec(w, m, 70);
		if (chance(40))
			put_dhcp(m);
		break;
	}
}

/* An ACL entry's priority: one the VNI has, others, 0 and the largest
 * (any u32 is valid).
 */
static uint32_t pick_acl_prio(const struct world *w, uint32_t vni)
{
	static const uint32_t odd[] = { 0, 1, 10, 100, 1000, 0x7fffffff, 0xffffffff };
	int k, n = 0, pick = -1;

	for (k = 0; k < w->nacls; k++)
		if (w->acl[k].vni == vni && !rndn(++n))
			pick = k;
	if (pick >= 0 && chance(50))
		return w->acl[pick].prio;
	if (chance(60))
		return 1 + rndn(300);
	return odd[rndn(sizeof(odd) / sizeof(odd[0]))];
}

/* NVO_CMD_ACL_NEW: entries of either family, mostly consistent (ports
 * with a protocol that has them, source and destination prefixes of the
 * ethertype's family), some matching everything, each of those
 * combinations broken now and then: an address without an ethertype or
 * of the other family, ports without a protocol, no priority or action.
 */
static void acl_msg(const struct world *w, struct fmsg *m)
{
	static const uint8_t protos[] = {
		IPPROTO_TCP, IPPROTO_UDP, 0, IPPROTO_ICMP, IPPROTO_ICMPV6,
		IPPROTO_UDPLITE, IPPROTO_SCTP, IPPROTO_DCCP, IPPROTO_GRE, 255,
	};
	static const uint16_t odd_eth[] = { 0x0806, 0, 0xffff, 0x0008, 0xdd86 };
	uint8_t proto = protos[chance(70) ? rndn(3) : rndn(10)];
	uint32_t vni = pick_vni_value(w);
	bool v6 = chance(40), eth = chance(80);

	put_u32(m, NVO_A_VNI, vni);
	if (chance(97))
		put_u32(m, NVO_A_ACL_PRIO, pick_acl_prio(w, vni));
	if (chance(97))
		put_u8(m, NVO_A_ACL_ACTION, chance(95) || corpus_policy_valid ?
		       NVO_ACL_ALLOW + rndn(2) : (chance(50) ? 0 : 3 + rndn(253)));
	if (chance(60))
		put_u8(m, NVO_A_RULE_DIR, chance(95) || corpus_policy_valid ?
		       1 + rndn(2) : (chance(50) ? 0 : 3 + rndn(253)));
	if (eth)
		put_u16(m, NVO_A_RULE_ETHERTYPE, chance(95) ?
			(v6 ? 0x86dd : 0x0800) : odd_eth[rndn(5)]);
	/* the family's ICMP, mostly */
	if (proto == IPPROTO_ICMP && v6 && chance(80))
		proto = IPPROTO_ICMPV6;
	else if (proto == IPPROTO_ICMPV6 && !v6 && chance(80))
		proto = IPPROTO_ICMP;
	if (proto || chance(20))
		put_u8(m, NVO_A_RULE_PROTO, proto);
	if (proto_has_ports(proto) ? chance(60) : chance(5))
		rule_ports(m);
	if (eth ? chance(40) : chance(5))
		put_cidr(m, v6, NVO_A_ACL_SRC_IP4, NVO_A_ACL_SRC_IP6,
			 NVO_A_ACL_SRC_PREFIX);
	if (eth ? chance(40) : chance(5))
		put_cidr(m, v6, NVO_A_ACL_DST_IP4, NVO_A_ACL_DST_IP6,
			 NVO_A_ACL_DST_PREFIX);
	/* a prefix length alone: refused */
	if (chance(3))
		put_u8(m, chance(50) ? NVO_A_ACL_SRC_PREFIX : NVO_A_ACL_DST_PREFIX,
		       rndn(33));
}

/* NVO_CMD_ACL_DEL: an entry of the baseline mostly, with its VNI. */
static void acl_del_msg(const struct world *w, struct fmsg *m)
{
	uint32_t vni;

	if (w->nacls && chance(60)) {
		int k = rndn(w->nacls);

		put_u32(m, NVO_A_VNI, w->acl[k].vni);
		put_u32(m, NVO_A_ACL_PRIO, w->acl[k].prio);
		return;
	}
	vni = pick_vni_value(w);
	put_u32(m, NVO_A_VNI, vni);
	if (chance(97))
		put_u32(m, NVO_A_ACL_PRIO, pick_acl_prio(w, vni));
}

/*
 * NVO_CMD_NEIGH_NEW and _DEL: a neighbour of the baseline (in its VNI,
 * mostly), or a tenant address of either family: unicast ones a VM may
 * have (link-local and ULA among them), and now and then one a new entry
 * may not have (unspecified, multicast, broadcast, loopback, v4-mapped),
 * both families at once or neither. A new entry's MAC as for the FDB
 * (multicast and zero ones among them, which it refuses), sometimes
 * NVO_F_REPLACE.
 */
static void neigh_msg(const struct world *w, struct fmsg *m)
{
	static const char *const v4[] = {
		"10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.254",
		"192.0.2.10", "100.64.0.1",
		"0.0.0.0", "224.0.0.1", "255.255.255.255", "127.0.0.1",
	};
	static const char *const v6[] = {
		"2001:db8:1::1", "2001:db8:1::2", "fe80::1", "fd00::1",
		"::", "::1", "ff02::1", "ff02::1:ff00:1", "::ffff:10.0.0.1",
	};
	bool del = m->cmd == NVO_CMD_NEIGH_DEL;
	int k = w->nneighs && chance(del ? 70 : 40) ? (int)rndn(w->nneighs) : -1;
	uint8_t ip[16];
	bool ip4, ip6;

	put_u32(m, NVO_A_VNI, k >= 0 && chance(90) ? w->neigh[k].vni :
		pick_vni_value(w));
	if (k >= 0) {
		put_bin(m, w->neigh[k].v6 ? NVO_A_IP6 : NVO_A_IP4, w->neigh[k].ip,
			w->neigh[k].v6 ? 16 : 4);
	} else {
		if (chance(3)) {
			/* both or neither: refused */
			ip4 = chance(50);
			ip6 = ip4;
		} else {
			ip4 = chance(65);
			ip6 = !ip4;
		}
		if (ip4) {
			inet_pton(AF_INET, v4[chance(85) ? rndn(6) : rndn(10)], ip);
			put_bin(m, NVO_A_IP4, ip, 4);
		}
		if (ip6) {
			inet_pton(AF_INET6, v6[chance(85) ? rndn(4) : rndn(9)], ip);
			put_bin(m, NVO_A_IP6, ip, 16);
		}
	}
	if (del)
		return;
	if (chance(97))
		pick_mac(w, m);
	if (chance(40))
		put_u32(m, NVO_A_FLAGS, chance(90) || corpus_policy_valid ?
			NVO_F_REPLACE : rnd());
}

/* A router id: mostly one of the baseline's, else one that may not exist,
 * FILL_ROUTER, the largest, or 0 (which the policy refuses).
 */
static uint32_t pick_router_id(const struct world *w)
{
	static const uint32_t odd[] = {
		1, 2, 3, 100, FILL_ROUTER, 0x7fffffff, 0xfffffffe, 0xffffffff,
	};

	if (w->nrouters && chance(75))
		return w->router[rndn(w->nrouters)].id;
	if (chance(60))
		return 1 + rndn(20);
	if (chance(90) || corpus_policy_valid)
		return odd[rndn(sizeof(odd) / sizeof(odd[0]))];
	return 0;
}

static bool vni_has_rif(const struct world *w, uint32_t vni)
{
	int k;

	for (k = 0; k < w->nrifs; k++)
		if (w->rif[k].vni == vni)
			return true;
	return false;
}

/* A router and a VNI of its tenant without an interface, if there is one:
 * what a new interface needs to get to the checks of its addresses.
 */
static bool pick_free_rif(const struct world *w, uint32_t *router,
			  uint32_t *vni)
{
	int j, k, n = 0;

	for (k = 0; k < w->nrouters; k++)
		for (j = 0; j < w->nvnis; j++)
			if (w->vni_tenant[j] == w->router[k].tenant &&
			    !vni_has_rif(w, w->vni[j]) && !rndn(++n)) {
				*router = w->router[k].id;
				*vni = w->vni[j];
			}
	return n;
}

/* A router for a route: mostly one with interfaces (next hops), else any. */
static uint32_t pick_route_router(const struct world *w)
{
	if (w->nrifs && chance(70))
		return w->rif[rndn(w->nrifs)].router;
	return pick_router_id(w);
}

/* A VNI for an interface of ROUTER: mostly one of the router's tenant
 * (with an interface or without), else any (of another tenant, of none,
 * one that does not exist).
 */
static uint32_t pick_rif_vni(const struct world *w, uint32_t router)
{
	uint16_t tenant = 0;
	int k, n = 0, pick = -1;

	for (k = 0; k < w->nrouters; k++)
		if (w->router[k].id == router)
			tenant = w->router[k].tenant;
	for (k = 0; tenant && k < w->nvnis; k++)
		if (w->vni_tenant[k] == tenant && !rndn(++n))
			pick = k;
	if (pick >= 0 && chance(65))
		return w->vni[pick];
	return pick_vni_value(w);
}

/* An address of the corpus: LEN its prefix length, -1: none given. */
struct l3_addr {
	const char *a;
	int len;
};

/* A prefix length: mostly LEN (-1: none), else any the policy takes (past
 * what an interface may have, some), or past the policy's.
 */
static void put_plen(struct fmsg *m, uint16_t type, int len, bool v6)
{
	unsigned int max = v6 ? 128 : 32;

	if (chance(85)) {
		if (len >= 0)
			put_u8(m, type, len);
		return;
	}
	if (chance(90) || corpus_policy_valid)
		put_u8(m, type, rndn(max + 1));
	else
		put_u8(m, type, max + 1 + rndn(255 - max));
}

static void put_l3_addr(struct fmsg *m, bool v6, uint16_t a4, uint16_t a6,
			const char *addr)
{
	uint8_t ip[16];

	inet_pton(v6 ? AF_INET6 : AF_INET, addr, ip);
	put_bin(m, v6 ? a6 : a4, ip, v6 ? 16 : 4);
}

/* Zeroes the host bits of IP (BYTES long) past PLEN. */
static void mask_prefix(uint8_t *ip, unsigned int bytes, unsigned int plen)
{
	unsigned int i;

	for (i = 0; i < bytes; i++, plen = plen > 8 ? plen - 8 : 0)
		if (plen < 8)
			ip[i] &= (uint8_t)(0xff00 >> plen);
}

/*
 * NVO_CMD_ROUTER_NEW and _DEL: ids taken, new, the largest; a new router's
 * tenant that of an existing VNI, of another router, or any (0 refused by
 * the policy). A deletion takes the router's interfaces and routes with
 * it until the next restore: mostly ids that do not exist.
 */
static void router_msg(const struct world *w, struct fmsg *m)
{
	uint16_t tenant;
	int k;

	if (m->cmd == NVO_CMD_ROUTER_DEL) {
		if (chance(97))
			put_u32(m, NVO_A_ROUTER_ID, chance(30) ? pick_router_id(w) :
				3 + rndn(50));
		return;
	}
	if (chance(97))
		put_u32(m, NVO_A_ROUTER_ID, chance(40) ? pick_router_id(w) :
			1 + rndn(50));
	if (chance(3))
		return;
	k = w->nvnis ? (int)rndn(w->nvnis) : -1;
	if (k >= 0 && w->vni_tenant[k] && chance(50))
		tenant = w->vni_tenant[k];
	else if (w->nrouters && chance(30))
		tenant = w->router[rndn(w->nrouters)].tenant;
	else
		tenant = pick_tenant();
	if (!tenant && corpus_policy_valid)
		tenant = 1;
	put_u16(m, NVO_A_TENANT, tenant);
}

/*
 * NVO_CMD_RIF_NEW: an interface of a router (mostly one that exists) on a
 * VNI (mostly of the router's tenant, with or without an interface), a
 * MAC as for the FDB (multicast and zero ones refused), gateways of
 * either family or both: another interface's (overlapping), new subnets,
 * the prefix lengths at their limits, the default one; and, now and
 * then, a network or broadcast address, a length past 30 or 126, or 0, a
 * multicast, loopback, zero or IPv4-mapped address, no gateway at all, a
 * prefix length without its address.
 */
static void rif_msg(const struct world *w, struct fmsg *m)
{
	static const struct l3_addr gw4[] = {
		{ "10.0.0.254", 24 }, { "10.0.3.1", 24 }, { "10.0.4.1", -1 },
		{ "10.0.5.1", 30 }, { "128.0.0.1", 1 }, { "10.0.0.1", 16 },
		/* refused */
		{ "10.0.3.0", 24 }, { "10.0.3.255", 24 }, { "10.0.6.1", 31 },
		{ "10.0.7.1", 32 }, { "10.0.8.1", 0 }, { "224.0.0.1", 24 },
		{ "127.0.0.1", 8 }, { "0.0.0.1", 8 }, { "255.255.255.255", 24 },
	}, gw6[] = {
		{ "2001:db8:1::fe", 64 }, { "2001:db8:3::1", 64 },
		{ "2001:db8:4::1", -1 }, { "2001:db8:5::1", 126 },
		{ "fe80::1", 64 }, { "2001:db8::1", 32 }, { "8000::1", 1 },
		/* refused */
		{ "2001:db8:3::", 64 }, { "2001:db8:6::1", 127 },
		{ "2001:db8:7::1", 128 }, { "2001:db8:8::1", 0 },
		{ "ff02::1", 64 }, { "::1", 64 }, { "::ffff:10.0.3.1", 120 },
		{ "::", 64 },
	};
	uint32_t router = pick_router_id(w), vni;
	int k = w->nrifs && chance(20) ? (int)rndn(w->nrifs) : -1;
	unsigned int fam = rndn(100), i;
	bool v4 = fam < 45 || (fam >= 70 && fam < 97), v6 = fam >= 45 && fam < 97;

	if (!chance(60) || !pick_free_rif(w, &router, &vni))
		vni = pick_rif_vni(w, router);
	if (chance(98))
		put_u32(m, NVO_A_ROUTER_ID, router);
	if (chance(98))
		put_u32(m, NVO_A_VNI, vni);
	if (chance(97))
		pick_mac(w, m);
	if (v4 && k >= 0 && w->rif[k].has4) {
		put_bin(m, NVO_A_IP4, w->rif[k].ip4, 4);
		put_plen(m, NVO_A_PREFIX4, w->rif[k].plen4, false);
	} else if (v4) {
		i = chance(70) ? rndn(6) : rndn(sizeof(gw4) / sizeof(gw4[0]));
		put_l3_addr(m, false, NVO_A_IP4, NVO_A_IP6, gw4[i].a);
		put_plen(m, NVO_A_PREFIX4, gw4[i].len, false);
	}
	if (v6 && k >= 0 && w->rif[k].has6) {
		put_bin(m, NVO_A_IP6, w->rif[k].ip6, 16);
		put_plen(m, NVO_A_PREFIX6, w->rif[k].plen6, true);
	} else if (v6) {
		i = chance(70) ? rndn(7) : rndn(sizeof(gw6) / sizeof(gw6[0]));
		put_l3_addr(m, true, NVO_A_IP4, NVO_A_IP6, gw6[i].a);
		put_plen(m, NVO_A_PREFIX6, gw6[i].len, true);
	}
	/* a prefix length alone: refused */
	if (!v4 && chance(10))
		put_u8(m, NVO_A_PREFIX4, 24);
	else if (!v6 && chance(5))
		put_u8(m, NVO_A_PREFIX6, 64);
}

/* NVO_CMD_RIF_DEL: an interface of the baseline mostly, or a router and a
 * VNI (with another router's interface, none, not of its tenant).
 */
static void rif_del_msg(const struct world *w, struct fmsg *m)
{
	uint32_t router;
	int k;

	if (w->nrifs && chance(60)) {
		k = rndn(w->nrifs);
		put_u32(m, NVO_A_ROUTER_ID, chance(90) ? w->rif[k].router :
			pick_router_id(w));
		put_u32(m, NVO_A_VNI, w->rif[k].vni);
		return;
	}
	router = pick_router_id(w);
	if (chance(97))
		put_u32(m, NVO_A_ROUTER_ID, router);
	if (chance(97))
		put_u32(m, NVO_A_VNI, pick_rif_vni(w, router));
}

/* A next hop of the family V6 for ROUTER: mostly a host on a subnet of one
 * of its interfaces (the gateway itself, network and broadcast addresses
 * among them), else of another router's, off every subnet, zero.
 */
static void route_via(const struct world *w, struct fmsg *m, uint32_t router,
		      bool v6)
{
	static const char *const via4[] = {
		"10.0.0.2", "10.0.0.3", "10.0.2.5", "100.64.1.2",
		"10.0.0.254", "10.0.0.1", "10.9.9.9", "0.0.0.0",
		"10.0.0.255", "10.0.0.0",
	};
	static const char *const via6[] = {
		"2001:db8:1::2", "2001:db8:1::1", "fd00::2", "2001:db8:64::2",
		"2001:db8:1::fe", "2001:db8:9::9", "::", "fe80::2",
		"::ffff:10.0.0.2",
	};
	int k, n = 0, pick = -1;
	uint8_t ip[16];

	for (k = 0; k < w->nrifs; k++)
		if ((v6 ? w->rif[k].has6 : w->rif[k].has4) &&
		    (w->rif[k].router == router || chance(10)) && !rndn(++n))
			pick = k;
	if (pick >= 0 && chance(55)) {
		memcpy(ip, v6 ? w->rif[pick].ip6 : w->rif[pick].ip4, v6 ? 16 : 4);
		ip[v6 ? 15 : 3] = chance(80) ? 2 + rndn(8) : rnd();
		put_bin(m, v6 ? NVO_A_VIA6 : NVO_A_VIA4, ip, v6 ? 16 : 4);
	} else if (v6) {
		k = chance(75) ? rndn(4) : rndn(sizeof(via6) / sizeof(via6[0]));
		put_l3_addr(m, true, NVO_A_VIA4, NVO_A_VIA6, via6[k]);
	} else {
		k = chance(75) ? rndn(4) : rndn(sizeof(via4) / sizeof(via4[0]));
		put_l3_addr(m, false, NVO_A_VIA4, NVO_A_VIA6, via4[k]);
	}
}

/*
 * NVO_CMD_ROUTE_NEW and _DEL: a static route of the baseline (in its
 * router, mostly), an interface's subnet (connected: refused), or a
 * destination of either family: new ones, the default, host routes (the
 * prefix length given or not) and, now and then, host bits set, the
 * router's own address, an IPv4-mapped one, a length past the family's,
 * the other family's length, both destinations or none. A new route's
 * next hop of its family mostly, else of the other, both or none; and
 * sometimes NVO_F_REPLACE.
 */
static void route_msg(const struct world *w, struct fmsg *m)
{
	static const struct l3_addr dst4[] = {
		{ "10.2.0.0", 16 }, { "10.1.2.3", -1 }, { "10.1.2.0", 24 },
		{ "0.0.0.0", 0 }, { "192.168.0.0", 16 }, { "172.16.0.0", 12 },
		{ "10.0.0.0", 8 }, { "11.0.0.0", 24 },
		/* refused, or odd */
		{ "10.1.2.3", 24 }, { "10.0.0.254", -1 }, { "10.0.0.1", 30 },
		{ "255.255.255.255", -1 }, { "224.0.0.0", 4 }, { "0.0.0.0", 32 },
	}, dst6[] = {
		{ "2001:db8:ff::", 48 }, { "2001:db8:ff:1::1", -1 }, { "::", 0 },
		{ "fd00:1::", 64 }, { "2001:db8:2::", 64 }, { "2000::", 3 },
		{ "2001:db8:f0::", 64 },
		/* refused, or odd */
		{ "2001:db8:ff::1", 48 }, { "2001:db8:1::fe", -1 },
		{ "::ffff:10.1.0.0", 112 }, { "ff02::", 16 }, { "::1", -1 },
	};
	bool del = m->cmd == NVO_CMD_ROUTE_DEL;
	int k = w->nroutes && chance(del ? 60 : 35) ? (int)rndn(w->nroutes) : -1;
	int c = k < 0 && w->nrifs && chance(10) ? (int)rndn(w->nrifs) : -1;
	uint32_t router = k >= 0 && chance(90) ? w->route[k].router :
			  c >= 0 && chance(90) ? w->rif[c].router :
			  pick_route_router(w);
	bool v6 = chance(40);
	unsigned int i;
	uint8_t ip[16];

	if (chance(98))
		put_u32(m, NVO_A_ROUTER_ID, router);
	if (k >= 0) {
		v6 = w->route[k].v6;
		put_bin(m, v6 ? NVO_A_IP6 : NVO_A_IP4, w->route[k].ip, v6 ? 16 : 4);
		put_plen(m, v6 ? NVO_A_PREFIX6 : NVO_A_PREFIX4, w->route[k].plen,
			 v6);
	} else if (c >= 0) {
		/* an interface's subnet */
		v6 = w->rif[c].has6 && (!w->rif[c].has4 || chance(50));
		memcpy(ip, v6 ? w->rif[c].ip6 : w->rif[c].ip4, v6 ? 16 : 4);
		mask_prefix(ip, v6 ? 16 : 4, v6 ? w->rif[c].plen6 : w->rif[c].plen4);
		put_bin(m, v6 ? NVO_A_IP6 : NVO_A_IP4, ip, v6 ? 16 : 4);
		put_u8(m, v6 ? NVO_A_PREFIX6 : NVO_A_PREFIX4,
		       v6 ? w->rif[c].plen6 : w->rif[c].plen4);
	} else if (chance(97)) {
		if (v6)
			i = chance(75) ? rndn(7) : rndn(sizeof(dst6) / sizeof(dst6[0]));
		else
			i = chance(75) ? rndn(8) : rndn(sizeof(dst4) / sizeof(dst4[0]));
		put_l3_addr(m, v6, NVO_A_IP4, NVO_A_IP6, v6 ? dst6[i].a : dst4[i].a);
		put_plen(m, v6 ? NVO_A_PREFIX6 : NVO_A_PREFIX4,
			 v6 ? dst6[i].len : dst4[i].len, v6);
	}
	/* the other family's prefix length, or destination: refused */
	if (chance(3))
		put_u8(m, v6 ? NVO_A_PREFIX4 : NVO_A_PREFIX6, v6 ? 24 : 64);
	else if (chance(2))
		put_l3_addr(m, !v6, NVO_A_IP4, NVO_A_IP6,
			    v6 ? "10.2.0.0" : "2001:db8:2::");
	if (del)
		return;
	i = rndn(100);
	if (i < 97)
		route_via(w, m, router, i < 90 ? v6 : !v6);
	if (i >= 95 && i < 97)
		route_via(w, m, router, v6);
	if (chance(k >= 0 ? 50 : 20))
		put_u32(m, NVO_A_FLAGS, chance(90) || corpus_policy_valid ?
			NVO_F_REPLACE : rnd());
}

/* The routers' dumps: ROUTE_GET filtered by a router now and then. */
static void l3_get_msg(const struct world *w, struct fmsg *m)
{
	if (m->cmd == NVO_CMD_ROUTE_GET && chance(40))
		put_u32(m, NVO_A_ROUTER_ID, chance(85) ? pick_router_id(w) :
			FILL_ROUTER);
	/* dumps only: without NLM_F_DUMP, the core refuses */
	if (chance(95))
		m->flags |= NLM_F_DUMP;
}

/* Link settings: a few IFLA_NVO_* with values the policy mostly accepts. */
static void link_msg(const struct world *w, struct fmsg *m)
{
	static const uint16_t ports[] = { 4789, 6081, 4790, 1, 65535 };
	int k, n = 1 + rndn(4);
	uint8_t ip6[16] = { 0 };
	uint32_t ip4;

	m->bus = BUS_RTNL;
	m->ifindex = w->ndevs ? w->dev_ifindex[chance(80) ? 0 : rndn(w->ndevs)] : 1;
	/* Sometimes a new device (the fuzzer deletes it now and then). */
	if (chance(15)) {
		m->ifindex = 0;
		m->flags |= NLM_F_CREATE | NLM_F_EXCL;
		snprintf(m->ifname, sizeof(m->ifname), NEW_DEV);
	}
	m->lladdr = chance(3);
	for (k = 0; k < n; k++) {
		switch (rndn(IFLA_NVO_MAX) + 1) {
		case IFLA_NVO_LOCAL_IP4:
			ip4 = htonl(chance(50) ? 0x0a630001 : rnd());
			put_bin(m, IFLA_NVO_LOCAL_IP4, &ip4, 4);
			break;
		case IFLA_NVO_DSTPORT:
			put_u16(m, IFLA_NVO_DSTPORT, ports[rndn(5)]);
			break;
		case IFLA_NVO_LEARNING:
			/* Learning on is harmless: nothing sends traffic. */
			put_u8(m, IFLA_NVO_LEARNING, rndn(2));
			break;
		case IFLA_NVO_AGEING:
			put_u32(m, IFLA_NVO_AGEING, chance(70) ? 300 : rndn(2000000));
			break;
		case IFLA_NVO_LOCAL_IP6:
			if (chance(50))
				inet_pton(AF_INET6, "2001:db8:99::1", ip6);
			put_bin(m, IFLA_NVO_LOCAL_IP6, ip6, 16);
			break;
		case IFLA_NVO_ENCAP:
			put_u8(m, IFLA_NVO_ENCAP, rndn(4));
			break;
		case IFLA_NVO_GENEVE_PORT:
			put_u16(m, IFLA_NVO_GENEVE_PORT, ports[rndn(5)]);
			break;
		case IFLA_NVO_TTL:
			put_u8(m, IFLA_NVO_TTL, rnd());
			break;
		case IFLA_NVO_TOS:
			put_u8(m, IFLA_NVO_TOS, chance(80) ? rndn(64) << 2 : rnd());
			break;
		case IFLA_NVO_MAX_VNIS:
		case IFLA_NVO_MAX_FDB:
		case IFLA_NVO_MAX_LEARNED:
		case IFLA_NVO_MAX_CONNS:
			/* Limits: none, below what the tables hold, or plenty. */
			put_u32(m, chance(75) ? IFLA_NVO_MAX_VNIS + rndn(3) :
				IFLA_NVO_MAX_CONNS,
				(uint32_t[]){ 0, 1, 5, 50, 4096, 100000, 0xffffffff }[rndn(7)]);
			break;
		case IFLA_NVO_GBP:
			put_u8(m, IFLA_NVO_GBP, chance(90) ? rndn(2) : rnd());
			break;
		case IFLA_NVO_SPORT_MIN:
		case IFLA_NVO_SPORT_MAX:
			put_u16(m, IFLA_NVO_SPORT_MIN, chance(50) ? 0 : 40000 + rndn(20000));
			put_u16(m, IFLA_NVO_SPORT_MAX, chance(50) ? 0 : 40000 + rndn(20000));
			break;
		default:
			/* the u8 booleans */
			put_u8(m, IFLA_NVO_TTL_INHERIT + rndn(IFLA_NVO_GENEVE_PORT_ID -
							     IFLA_NVO_TTL_INHERIT + 1) ,
			       chance(90) ? rndn(2) : rnd());
			break;
		}
	}
}

/* A plausible request of any command, or of a mutating one only. */
void corpus_msg(const struct world *w, struct fmsg *m, bool mutating_only)
{
	/* The NREAD commands that only read first. */
	enum { NREAD = 12 };
	static const uint8_t all[] = {
		NVO_CMD_DEV_GET, NVO_CMD_VNI_GET, NVO_CMD_PORT_GET,
		NVO_CMD_FDB_GET, NVO_CMD_FLOOD_GET, NVO_CMD_SG_GET,
		NVO_CMD_RULE_GET, NVO_CMD_NEIGH_GET, NVO_CMD_ACL_GET,
		NVO_CMD_ROUTER_GET, NVO_CMD_RIF_GET, NVO_CMD_ROUTE_GET,
		NVO_CMD_VNI_NEW, NVO_CMD_VNI_DEL, NVO_CMD_VNI_SET,
		NVO_CMD_PORT_NEW, NVO_CMD_PORT_DEL, NVO_CMD_PORT_SET,
		NVO_CMD_FDB_NEW, NVO_CMD_FDB_NEW, NVO_CMD_FDB_DEL,
		NVO_CMD_FLOOD_NEW, NVO_CMD_FLOOD_DEL,
		NVO_CMD_SG_NEW, NVO_CMD_SG_DEL,
		NVO_CMD_RULE_NEW, NVO_CMD_RULE_NEW, NVO_CMD_RULE_DEL,
		NVO_CMD_NEIGH_NEW, NVO_CMD_NEIGH_NEW, NVO_CMD_NEIGH_DEL,
		NVO_CMD_ACL_NEW, NVO_CMD_ACL_NEW, NVO_CMD_ACL_DEL,
		NVO_CMD_ROUTER_NEW, NVO_CMD_ROUTER_DEL,
		NVO_CMD_RIF_NEW, NVO_CMD_RIF_NEW, NVO_CMD_RIF_DEL,
		NVO_CMD_ROUTE_NEW, NVO_CMD_ROUTE_NEW, NVO_CMD_ROUTE_DEL,
		0 /* rtnetlink */,
	};
	unsigned int first = mutating_only ? NREAD : 0;
	/* CONN_FLUSH only now and then: it changes nothing a dump shows. */
	uint8_t cmd = chance(2) ? NVO_CMD_CONN_FLUSH :
		      all[first + rndn(sizeof(all) - first)];

	memset(m, 0, sizeof(*m));
	m->flags = NLM_F_REQUEST | NLM_F_ACK;
	m->version = NVO_GENL_VERSION;
	m->cmd = cmd;
	if (!cmd) {
		link_msg(w, m);
		return;
	}
	m->bus = BUS_GENL;
	pick_dev(w, m);
	switch (cmd) {
	case NVO_CMD_DEV_GET:
	case NVO_CMD_VNI_GET:
	case NVO_CMD_PORT_GET:
	case NVO_CMD_FDB_GET:
	case NVO_CMD_FLOOD_GET:
	case NVO_CMD_NEIGH_GET:
	case NVO_CMD_ACL_GET:
		if (cmd != NVO_CMD_DEV_GET &&
		    (cmd == NVO_CMD_VNI_GET ? chance(50) : chance(20)))
			put_u32(m, NVO_A_VNI, pick_vni_value(w));
		if (cmd != NVO_CMD_VNI_GET || chance(50))
			m->flags |= NLM_F_DUMP;
		if (cmd == NVO_CMD_DEV_GET && chance(50))
			m->n = 0;	/* every device */
		break;
	case NVO_CMD_VNI_NEW:
	case NVO_CMD_VNI_SET:
		put_u32(m, NVO_A_VNI, pick_vni_value(w));
		if (chance(50))
			put_u8(m, NVO_A_ENCAP, chance(90) || corpus_policy_valid ?
			       rndn(3) : rnd());
		if (chance(20))
			put_u32(m, NVO_A_MAX_FDB, chance(50) ? rndn(20) : rnd());
		if (chance(20))
			put_u32(m, NVO_A_MAX_LEARNED, chance(50) ? rndn(20) : rnd());
		if (chance(30))
			put_u16(m, NVO_A_TENANT, pick_tenant());
		/* Learning on is harmless here too: nothing sends ARP or ND. */
		if (chance(25))
			put_u8(m, NVO_A_NEIGH_UNKNOWN, chance(95) || corpus_policy_valid ?
			       rndn(NVO_NEIGH_UNKNOWN_MAX + 1) :
			       NVO_NEIGH_UNKNOWN_MAX + 1 + rndn(20));
		if (chance(25))
			put_u8(m, NVO_A_NEIGH_LEARN, chance(95) || corpus_policy_valid ?
			       rndn(2) : 2 + rndn(254));
		if (chance(20))
			put_u32(m, NVO_A_MAX_NEIGH, chance(50) ? rndn(20) : rnd());
		break;
	case NVO_CMD_VNI_DEL:
		put_u32(m, NVO_A_VNI, pick_vni_value(w));
		break;
	case NVO_CMD_PORT_NEW:
		pick_port(w, m);
		put_u32(m, NVO_A_VNI, pick_vni_value(w));
		if (chance(30))
			put_u32(m, NVO_A_PORT_ID, rnd());
		put_port_sec(w, m, 30);
		if (chance(25))
			put_dhcp(m);
		break;
	case NVO_CMD_PORT_DEL:
		pick_port(w, m);
		break;
	case NVO_CMD_FDB_NEW:
		put_u32(m, NVO_A_VNI, pick_vni_value(w));
		pick_mac(w, m);
		if (chance(75))
			pick_remote(m);
		else
			pick_port(w, m);
		if (chance(50))
			put_u32(m, NVO_A_FLAGS, chance(90) || corpus_policy_valid ?
				NVO_F_REPLACE : rnd());
		/* A remote entry's groups; refused for a port's. */
		if (chance(25))
			put_sg_ids(w, m);
		break;
	case NVO_CMD_FDB_DEL:
		put_u32(m, NVO_A_VNI, pick_vni_value(w));
		pick_mac(w, m);
		break;
	case NVO_CMD_FLOOD_NEW:
	case NVO_CMD_FLOOD_DEL:
		put_u32(m, NVO_A_VNI, pick_vni_value(w));
		pick_remote(m);
		break;
	case NVO_CMD_RULE_NEW:
		rule_msg(w, m);
		break;
	case NVO_CMD_NEIGH_NEW:
	case NVO_CMD_NEIGH_DEL:
		neigh_msg(w, m);
		break;
	case NVO_CMD_ACL_NEW:
		acl_msg(w, m);
		break;
	case NVO_CMD_ACL_DEL:
		acl_del_msg(w, m);
		break;
	case NVO_CMD_CONN_FLUSH:
		/* the device alone */
		break;
	case NVO_CMD_ROUTER_NEW:
	case NVO_CMD_ROUTER_DEL:
		router_msg(w, m);
		break;
	case NVO_CMD_RIF_NEW:
		rif_msg(w, m);
		break;
	case NVO_CMD_RIF_DEL:
		rif_del_msg(w, m);
		break;
	case NVO_CMD_ROUTE_NEW:
	case NVO_CMD_ROUTE_DEL:
		route_msg(w, m);
		break;
	case NVO_CMD_ROUTER_GET:
	case NVO_CMD_RIF_GET:
	case NVO_CMD_ROUTE_GET:
		l3_get_msg(w, m);
		break;
	default:
		sg_msg(w, m);
		break;
	}
}

/* A dump of one of the device's tables, to be interrupted. */
void corpus_dump(const struct world *w, struct fmsg *m)
{
	static const uint8_t cmds[] = {
		NVO_CMD_FDB_GET, NVO_CMD_FDB_GET, NVO_CMD_VNI_GET,
		NVO_CMD_PORT_GET, NVO_CMD_FLOOD_GET, NVO_CMD_DEV_GET,
		NVO_CMD_SG_GET, NVO_CMD_RULE_GET, NVO_CMD_NEIGH_GET,
		NVO_CMD_ACL_GET, NVO_CMD_ROUTER_GET, NVO_CMD_RIF_GET,
		NVO_CMD_ROUTE_GET, NVO_CMD_ROUTE_GET,
	};

	memset(m, 0, sizeof(*m));
	m->bus = BUS_GENL;
	m->flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP;
	m->version = NVO_GENL_VERSION;
	m->cmd = cmds[rndn(sizeof(cmds))];
	if (w->ndevs)
		put_u32(m, NVO_A_IFINDEX, w->dev_ifindex[0]);
	switch (m->cmd) {
	case NVO_CMD_DEV_GET:
	case NVO_CMD_SG_GET:
	case NVO_CMD_ROUTER_GET:
	case NVO_CMD_RIF_GET:
		break;
	case NVO_CMD_RULE_GET:
		if (chance(10))
			put_u16(m, NVO_A_SG_ID, pick_sg_id(w));
		break;
	case NVO_CMD_ROUTE_GET:
		/* FILL_ROUTER's alone comes in parts too */
		if (chance(30))
			put_u32(m, NVO_A_ROUTER_ID, chance(50) ? FILL_ROUTER :
				pick_router_id(w));
		break;
	default:
		if (chance(10))
			put_u32(m, NVO_A_VNI, pick_vni_value(w));
		break;
	}
}
