// SPDX-License-Identifier: GPL-2.0
/*
 * Mutations: first on the structure of a request (attributes dropped,
 * duplicated, reordered, retyped, resized, wrapped in bogus nests, values
 * at and past their limits, unknown and reply-only attributes, other
 * commands and flags), then on its bytes (bit flips, attribute lengths
 * that lie, truncation, trailing garbage, a second message in the same
 * write, huge attributes, garbage in the headers).
 *
 * Whatever the bytes, every message the kernel will read keeps the nvo
 * family's id (or rtnetlink's RTM_NEWLINK) or a control type: random
 * types would reach other generic netlink families and rtnetlink commands
 * (deleting the device), which is not what this fuzzes.
 */
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "nlfuzz.h"

static void fill_random(uint8_t *p, size_t len)
{
	while (len--)
		*p++ = rnd();
}

static void drop_attr(struct fmsg *m, unsigned int i)
{
	memmove(&m->a[i], &m->a[i + 1], (m->n - i - 1) * sizeof(m->a[0]));
	m->n--;
}

static void insert_attr(struct fmsg *m, const struct fattr *a)
{
	unsigned int i;

	if (m->n >= MAX_ATTRS)
		return;
	i = rndn(m->n + 1);
	memmove(&m->a[i + 1], &m->a[i], (m->n - i) * sizeof(m->a[0]));
	m->a[i] = *a;
	m->n++;
}

static uint16_t max_type(const struct fmsg *m)
{
	return m->bus == BUS_GENL ? NVO_A_MAX : IFLA_NVO_MAX;
}

/* A value at or just past some limit, in a width the policy may expect. */
static void boundary(struct fattr *a)
{
	static const uint32_t v32[] = {
		0, 1, 0xffffff, 0x1000000, 0x7fffffff, 0x80000000, 0xffffffff,
	};
	static const uint16_t v16[] = { 0, 1, 0x7fff, 0xffff };
	static const uint8_t v8[] = { 0, 1, 2, 3, 0x7f, 0xff };

	switch (rndn(4)) {
	case 0:
		a->len = 4;
		memcpy(a->d, &v32[rndn(7)], 4);
		break;
	case 1:
		a->len = 2;
		memcpy(a->d, &v16[rndn(4)], 2);
		break;
	case 2:
		a->len = 1;
		a->d[0] = v8[rndn(6)];
		break;
	default:
		a->len = 8;
		memset(a->d, 0xff, 8);
		break;
	}
}

/* Names: unterminated, too long for IFNAMSIZ, empty, with a NUL inside. */
static void string_games(struct fattr *a)
{
	switch (rndn(6)) {
	case 0:
		a->len = 4;
		memcpy(a->d, "nvo0", 4);
		break;
	case 1:
		a->len = 16;
		memset(a->d, 'a', 15);
		a->d[15] = 0;
		break;
	case 2:
		a->len = 17;
		memset(a->d, 'b', 16);
		a->d[16] = 0;
		break;
	case 3:
		a->len = 101;
		memset(a->d, 'c', 100);
		a->d[100] = 0;
		break;
	case 4:
		a->len = rndn(2);
		a->d[0] = 0;
		break;
	default:
		a->len = 10;
		memcpy(a->d, "nvo0\0junk", 10);
		break;
	}
}

/* Attributes only the kernel sends, with plausible payloads. */
static void reply_only(struct fmsg *m, struct fattr *a)
{
	static const uint16_t genl[] = {
		NVO_A_FDB_FLAGS, NVO_A_AGE, NVO_A_LOCAL_IP4, NVO_A_DSTPORT,
		NVO_A_LEARNING, NVO_A_AGEING, NVO_A_RUNNING, NVO_A_VNI_COUNT,
		NVO_A_PORT_COUNT, NVO_A_FDB_COUNT, NVO_A_FLOOD_COUNT,
		NVO_A_STATS, NVO_A_LOCAL_IP6, NVO_A_GENEVE_PORT,
		NVO_A_OVERHEAD, NVO_A_MTU, NVO_A_MAX_VNIS, NVO_A_LEARNED_COUNT,
		NVO_A_RULE_COUNT, NVO_A_MAX_CONNS, NVO_A_CONN_COUNT,
		NVO_A_RULE_HITS, NVO_A_ACL_HITS, NVO_A_NEIGH_FLAGS,
		NVO_A_NEIGH_COUNT, NVO_A_RIF_COUNT, NVO_A_ROUTE_COUNT,
	};

	a->type = m->bus == BUS_GENL ? genl[rndn(sizeof(genl) / sizeof(genl[0]))] :
		  rndn(IFLA_NVO_MAX + 1);
	a->len = 4;
	if (m->bus == BUS_GENL && a->type == NVO_A_LOCAL_IP6)
		a->len = 16;
	else if (m->bus == BUS_GENL &&
		 (a->type == NVO_A_RULE_HITS || a->type == NVO_A_ACL_HITS))
		a->len = 8;	/* u64 */
	fill_random(a->d, a->len);
	if (a->type == NVO_A_STATS && m->bus == BUS_GENL) {
		/* a nest holding one u64 counter */
		struct nlattr *in = (void *)a->d;

		a->type |= NLA_F_NESTED;
		a->len = 12;
		in->nla_len = 12;
		in->nla_type = NVO_STATS_RX_PACKETS;
	}
}

/* Replaces attributes [i, i + k) by one nest holding them. */
static void wrap(struct fmsg *m, unsigned int i, unsigned int k)
{
	struct fattr nest = { .type = m->a[i].type | NLA_F_NESTED };
	unsigned int j;

	if (chance(30))
		nest.type = rndn(max_type(m) + 2) | NLA_F_NESTED;
	for (j = i; j < i + k && j < m->n; j++) {
		const struct fattr *a = &m->a[j];
		size_t sz = MNL_ALIGN(4 + a->len);
		struct nlattr hdr = { .nla_len = 4 + a->len, .nla_type = a->type };

		if (nest.len + sz > MAX_PAYLOAD)
			break;
		memcpy(nest.d + nest.len, &hdr, 4);
		memcpy(nest.d + nest.len + 4, a->d, a->len);
		nest.len += sz;
	}
	for (; j > i; j--)
		drop_attr(m, i);
	insert_attr(m, &nest);
}

static void mutate_once(const struct world *w, struct fmsg *m)
{
	static const uint16_t flag_bits[] = {
		NLM_F_ACK, NLM_F_ECHO, NLM_F_ROOT, NLM_F_MATCH, NLM_F_ATOMIC,
		NLM_F_APPEND, NLM_F_MULTI, NLM_F_DUMP_INTR, NLM_F_DUMP_FILTERED,
		0x1000, 0x8000, NLM_F_REQUEST,
	};
	struct fattr a = { 0 }, *p = m->n ? &m->a[rndn(m->n)] : NULL;
	struct fmsg other;

	switch (rndn(19)) {
	case 0:
		if (p)
			drop_attr(m, p - m->a);
		break;
	case 1:
		if (p)
			insert_attr(m, p);
		break;
	case 2:
		if (m->n > 1) {
			struct fattr *q = &m->a[rndn(m->n)];

			a = *p;
			*p = *q;
			*q = a;
		}
		break;
	case 3:
		if (!p)
			break;
		switch (rndn(4)) {
		case 0:
			p->type = rndn(max_type(m) + 4);
			break;
		case 1:
			p->type = rnd();
			break;
		case 2:
			p->type ^= NLA_F_NESTED;
			break;
		default:
			p->type ^= NLA_F_NET_BYTEORDER;
			break;
		}
		break;
	case 4:
		if (p)
			p->len = rndn(p->len);
		break;
	case 5:
		if (p) {
			size_t add = chance(80) ? 1 + rndn(8) : (size_t)MAX_PAYLOAD - p->len;

			if (p->len + add > MAX_PAYLOAD)
				add = MAX_PAYLOAD - p->len;
			fill_random(p->d + p->len, add);
			p->len += add;
		}
		break;
	case 6:
		if (p)
			boundary(p);
		break;
	case 7:
		if (p)
			string_games(p);
		break;
	case 8:
		a.type = chance(50) ? max_type(m) + 1 + rndn(40) : (uint16_t)rnd();
		a.len = rndn(17);
		fill_random(a.d, a.len);
		insert_attr(m, &a);
		break;
	case 9:
		reply_only(m, &a);
		insert_attr(m, &a);
		break;
	case 10:
		if (p)
			wrap(m, p - m->a, 1 + rndn(2));
		break;
	case 11:
		a.type = (p ? p->type : NVO_A_VNI) | NLA_F_NESTED;
		a.len = rndn(24);
		fill_random(a.d, a.len);
		if (a.len >= 4 && chance(50)) {
			/* an inner header that claims more than there is */
			a.d[0] = 0xff;
			a.d[1] = 0x7f;
		}
		if (p)
			*p = a;
		else
			insert_attr(m, &a);
		break;
	case 12:
		m->cmd = chance(70) ? rndn(NVO_CMD_MAX + 3) : rnd();
		m->shallow = true;
		break;
	case 13:
		m->flags ^= flag_bits[rndn(sizeof(flag_bits) / sizeof(flag_bits[0]))];
		m->shallow = true;
		break;
	case 14:
		corpus_msg(w, &other, false);
		if (other.n && other.bus == m->bus)
			insert_attr(m, &other.a[rndn(other.n)]);
		break;
	case 15:
		if (p)
			p->len = 0;
		break;
	case 16:
		m->version = chance(50) ? 0 : rnd();
		m->shallow = true;
		break;
	case 17:
		if (p)
			fill_random(p->d, p->len);
		break;
	default:
		m->n = 0;
		break;
	}
}

void mutate_attrs(const struct world *w, struct fmsg *m, int rounds)
{
	while (rounds-- > 0)
		mutate_once(w, m);
}

void serialize(const struct world *w, const struct fmsg *m, struct wire *out,
	       uint32_t seq)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(out->b);
	struct nlattr *li = NULL, *data = NULL;
	unsigned int i;

	nlh->nlmsg_flags = m->flags;
	nlh->nlmsg_seq = seq;
	if (m->bus == BUS_GENL) {
		struct genlmsghdr *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));

		nlh->nlmsg_type = w->family;
		g->cmd = m->cmd;
		g->version = m->version;
	} else {
		struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

		nlh->nlmsg_type = RTM_NEWLINK;
		ifi->ifi_index = m->ifindex;
		ifi->ifi_flags = m->ifi_flags;
		ifi->ifi_change = m->ifi_change;
		if (m->ifname[0])
			mnl_attr_put_strz(nlh, IFLA_IFNAME, m->ifname);
		if (m->lladdr)
			mnl_attr_put(nlh, IFLA_ADDRESS, 6, "\x02\0\0\0\0\x01");
		li = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
		mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "nvo");
		data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	}
	for (i = 0; i < m->n; i++)
		mnl_attr_put(nlh, m->a[i].type, m->a[i].len, m->a[i].d);
	if (data) {
		mnl_attr_nest_end(nlh, data);
		mnl_attr_nest_end(nlh, li);
	}
	out->len = nlh->nlmsg_len;
	out->bus = m->bus;
	out->deep = m->bus == BUS_RTNL && !m->shallow;
}

static size_t payload_off(const struct wire *x)
{
	return NLMSG_HDRLEN + (x->bus == BUS_GENL ? GENL_HDRLEN :
			       NLMSG_ALIGN(sizeof(struct ifinfomsg)));
}

/* Offsets of attribute headers in the first message, nests included. */
static int attr_offsets(const struct wire *x, size_t *offs, int max)
{
	size_t resume[4], ends[4], end = x->len, off = payload_off(x);
	int n = 0, depth = 0;

	for (;;) {
		const struct nlattr *a;

		if (off + 4 > end) {
			if (!depth--)
				return n;
			off = resume[depth];
			end = ends[depth];
			continue;
		}
		a = (const void *)(x->b + off);
		if (a->nla_len < 4 || off + a->nla_len > end)
			return n;
		if (n < max)
			offs[n++] = off;
		if ((a->nla_type & NLA_F_NESTED) && depth < 4) {
			resume[depth] = off + MNL_ALIGN(a->nla_len);
			ends[depth++] = end;
			end = off + a->nla_len;
			off += 4;
			continue;
		}
		off += MNL_ALIGN(a->nla_len);
	}
}

static struct nlmsghdr *hdr(struct wire *x)
{
	return (struct nlmsghdr *)x->b;
}

static void append(struct wire *x, const void *p, size_t len, bool count)
{
	if (x->len + len > MAX_WIRE)
		len = MAX_WIRE - x->len;
	memcpy(x->b + x->len, p, len);
	x->len += len;
	if (count)
		hdr(x)->nlmsg_len = x->len;
}

static void bytes_once(struct wire *x)
{
	size_t offs[64], p = payload_off(x), k;
	uint8_t junk[64];
	struct nlattr *a;
	int n;

	switch (rndn(8)) {
	case 0:
		for (k = 1 + rndn(8); k && x->len > p; k--)
			x->b[p + rndn(x->len - p)] ^= 1 << rndn(8);
		break;
	case 1: {
		static const uint16_t lens[] = { 0, 1, 3, 4, 5, 0xffff, 0x8000 };

		n = attr_offsets(x, offs, 64);
		if (!n)
			break;
		a = (void *)(x->b + offs[rndn(n)]);
		switch (rndn(3)) {
		case 0:
			a->nla_len = lens[rndn(7)];
			break;
		case 1:
			a->nla_len += chance(50) ? 1 + (int)rndn(8) : -(int)rndn(4) - 1;
			break;
		default:
			a->nla_len = x->len - ((uint8_t *)a - x->b) + 4 * (1 + rndn(3));
			break;
		}
		break;
	}
	case 2:
		x->len = rndn(x->len);
		if (x->len >= NLMSG_HDRLEN && chance(50))
			hdr(x)->nlmsg_len = x->len;
		break;
	case 3: {
		static const uint32_t lens[] = { 0, 15, 16, 17, 19, 20, 21 };

		hdr(x)->nlmsg_len = chance(50) ? lens[rndn(7)] :
				    x->len + (chance(50) ? 4 : -4);
		break;
	}
	case 4:
		k = 1 + rndn(sizeof(junk));
		fill_random(junk, k);
		append(x, junk, k, chance(50));
		break;
	case 5:
		k = x->len;
		append(x, x->b, k, false);
		break;
	case 6: {
		/* one attribute of a few kilobytes */
		struct nlattr big = { .nla_type = rndn(NVO_A_MAX + 2) };
		size_t sz = 1000 + rndn(4000);

		if (x->len + 4 + sz > MAX_WIRE)
			break;
		big.nla_len = chance(80) ? 4 + sz : 0xffff;
		append(x, &big, 4, false);
		fill_random(x->b + x->len, sz);
		x->len += sz;
		hdr(x)->nlmsg_len = x->len;
		break;
	}
	default:
		/* garbage in the netlink and family headers */
		if (x->len < p)
			break;
		switch (rndn(4)) {
		case 0:
			hdr(x)->nlmsg_flags = rnd() | (chance(90) ? NLM_F_REQUEST : 0);
			break;
		case 1:
			hdr(x)->nlmsg_pid = rnd();
			break;
		default:
			fill_random(x->b + NLMSG_HDRLEN, p - NLMSG_HDRLEN);
			if (x->bus == BUS_GENL)
				x->b[NLMSG_HDRLEN] = rndn(NVO_CMD_MAX + 3);
			break;
		}
		break;
	}
}

/* Keeps every message the kernel will read addressed to nvo. */
void wire_sanitize(const struct world *w, struct wire *x)
{
	uint16_t type = x->bus == BUS_GENL ? w->family : RTM_NEWLINK;
	size_t off = 0;

	while (x->len - off >= NLMSG_HDRLEN) {
		struct nlmsghdr *nlh = (void *)(x->b + off);
		size_t msglen;

		if (nlh->nlmsg_len < NLMSG_HDRLEN || x->len - off < nlh->nlmsg_len)
			break;
		if (nlh->nlmsg_type >= NLMSG_MIN_TYPE)
			nlh->nlmsg_type = type;
		msglen = NLMSG_ALIGN(nlh->nlmsg_len);
		if (msglen > x->len - off)
			msglen = x->len - off;
		off += msglen;
	}
}

void mutate_bytes(const struct world *w, struct wire *x)
{
	int k = 1 + (chance(30) ? 1 : 0);

	while (k--)
		bytes_once(x);
	x->deep = false;
	wire_sanitize(w, x);
}

/* One line: what the request is, then its bytes in hex. */
void describe(const struct world *w, const struct wire *x, char *buf,
	      size_t size)
{
	const struct nlmsghdr *nlh = (const void *)x->b;
	size_t offs[64], n = 0, i;
	int k, na;

	if (x->len >= NLMSG_HDRLEN)
		n += snprintf(buf + n, size - n, "%s type=%u flags=%#x len=%u",
			      x->bus == BUS_GENL ? "genl" : "rtnl",
			      nlh->nlmsg_type, nlh->nlmsg_flags, nlh->nlmsg_len);
	if (x->bus == BUS_GENL && x->len >= NLMSG_HDRLEN + 2 && n < size)
		n += snprintf(buf + n, size - n, " cmd=%u ver=%u",
			      x->b[NLMSG_HDRLEN], x->b[NLMSG_HDRLEN + 1]);
	na = attr_offsets(x, offs, 64);
	for (k = 0; k < na && n < size; k++) {
		const struct nlattr *a = (const void *)(x->b + offs[k]);

		n += snprintf(buf + n, size - n, "%s%#x:%u", k ? "," : " attrs=",
			      a->nla_type, a->nla_len);
	}
	if (n < size)
		n += snprintf(buf + n, size - n, " (write of %zu bytes, family %u) hex ",
			      x->len, w->family);
	for (i = 0; i < x->len && n + 3 < size; i++)
		n += snprintf(buf + n, size - n, "%02x", x->b[i]);
}
