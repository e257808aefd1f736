// SPDX-License-Identifier: GPL-2.0
/*
 * The corpus: well-formed requests for the devices, VNIs, ports, MACs and
 * remotes that exist (so that many succeed and the rest fail deep in nvo's
 * handlers rather than at the first lookup), with some plausible values
 * that do not exist or are out of range mixed in.
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

static void put_u16(struct fmsg *m, uint16_t type, uint16_t v)
{
	put_bin(m, type, &v, 2);
}

void put_str(struct fmsg *m, uint16_t type, const char *s)
{
	put_bin(m, type, s, strlen(s) + 1);
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

/* Devices, interfaces, and the VNIs and MACs of the baseline. */
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
	for (b = 0; b < nbase; b++) {
		a = fattr_find(&base[b], NVO_A_VNI);
		if (a && base[b].bus == BUS_GENL && w->nvnis < MAX_VNIS) {
			uint32_t v;

			memcpy(&v, a->d, 4);
			for (k = 0; k < w->nvnis && w->vni[k] != v; k++)
				;
			if (k == w->nvnis)
				w->vni[w->nvnis++] = v;
		}
		a = fattr_find(&base[b], NVO_A_MAC);
		if (a && w->nmacs < MAX_MACS)
			memcpy(w->mac[w->nmacs++], a->d, 6);
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
			/* Limits: none, below what the tables hold, or plenty. */
			put_u32(m, IFLA_NVO_MAX_VNIS + rndn(3),
				(uint32_t[]){ 0, 1, 5, 50, 4096, 100000, 0xffffffff }[rndn(7)]);
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
	static const uint8_t all[] = {
		NVO_CMD_DEV_GET, NVO_CMD_VNI_GET, NVO_CMD_PORT_GET,
		NVO_CMD_FDB_GET, NVO_CMD_FLOOD_GET,
		NVO_CMD_VNI_NEW, NVO_CMD_VNI_DEL, NVO_CMD_VNI_SET,
		NVO_CMD_PORT_NEW, NVO_CMD_PORT_DEL,
		NVO_CMD_FDB_NEW, NVO_CMD_FDB_NEW, NVO_CMD_FDB_DEL,
		NVO_CMD_FLOOD_NEW, NVO_CMD_FLOOD_DEL,
		0 /* rtnetlink */,
	};
	unsigned int first = mutating_only ? 5 : 0;
	uint8_t cmd = all[first + rndn(sizeof(all) - first)];

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
		break;
	case NVO_CMD_VNI_DEL:
		put_u32(m, NVO_A_VNI, pick_vni_value(w));
		break;
	case NVO_CMD_PORT_NEW:
		pick_port(w, m);
		put_u32(m, NVO_A_VNI, pick_vni_value(w));
		if (chance(30))
			put_u32(m, NVO_A_PORT_ID, rnd());
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
	}
}

/* A dump of one of the device's tables, to be interrupted. */
void corpus_dump(const struct world *w, struct fmsg *m)
{
	static const uint8_t cmds[] = {
		NVO_CMD_FDB_GET, NVO_CMD_FDB_GET, NVO_CMD_VNI_GET,
		NVO_CMD_PORT_GET, NVO_CMD_FLOOD_GET, NVO_CMD_DEV_GET,
	};

	memset(m, 0, sizeof(*m));
	m->bus = BUS_GENL;
	m->flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP;
	m->version = NVO_GENL_VERSION;
	m->cmd = cmds[rndn(sizeof(cmds))];
	if (w->ndevs)
		put_u32(m, NVO_A_IFINDEX, w->dev_ifindex[0]);
	if (m->cmd != NVO_CMD_DEV_GET && chance(10))
		put_u32(m, NVO_A_VNI, pick_vni_value(w));
}
