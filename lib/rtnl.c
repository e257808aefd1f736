// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * nvo links, created, changed and deleted with rtnetlink.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

#include "internal.h"

#define NVO_KIND	"nvo"

/* Names as nvctl's user knows them: the keyword of the command line. */
static const struct nvo_attr_desc link_data_attrs[IFLA_NVO_MAX + 1] = {
	[IFLA_NVO_LOCAL_IP4]	= { "local", MNL_TYPE_U32 },
	[IFLA_NVO_DSTPORT]	= { "dstport", MNL_TYPE_U16 },
	[IFLA_NVO_LEARNING]	= { "learning", MNL_TYPE_U8 },
	[IFLA_NVO_AGEING]	= { "ageing", MNL_TYPE_U32 },
	[IFLA_NVO_LOCAL_IP6]	= { "local", MNL_TYPE_BINARY,
				    sizeof(struct in6_addr) },
	[IFLA_NVO_ENCAP]	= { "encap", MNL_TYPE_U8 },
	[IFLA_NVO_GENEVE_PORT]	= { "geneve-port", MNL_TYPE_U16 },
	[IFLA_NVO_TTL]		= { "ttl", MNL_TYPE_U8 },
	[IFLA_NVO_TTL_INHERIT]	= { "ttl", MNL_TYPE_U8 },
	[IFLA_NVO_TOS]		= { "tos", MNL_TYPE_U8 },
	[IFLA_NVO_TOS_INHERIT]	= { "tos", MNL_TYPE_U8 },
	[IFLA_NVO_UDP_CSUM]	= { "udpcsum", MNL_TYPE_U8 },
	[IFLA_NVO_UDP6_ZERO_CSUM_TX] = { "udp6zerocsumtx", MNL_TYPE_U8 },
	[IFLA_NVO_UDP6_ZERO_CSUM_RX] = { "udp6zerocsumrx", MNL_TYPE_U8 },
	[IFLA_NVO_SPORT_MIN]	= { "srcport", MNL_TYPE_U16 },
	[IFLA_NVO_SPORT_MAX]	= { "srcport", MNL_TYPE_U16 },
	[IFLA_NVO_GENEVE_PORT_ID] = { "geneve-port-id", MNL_TYPE_U8 },
	[IFLA_NVO_GBP]		= { "gbp", MNL_TYPE_U8 },
	[IFLA_NVO_MAX_CONNS]	= { "max-conns", MNL_TYPE_U32 },
	[IFLA_NVO_MAX_VNIS]	= { "max-vnis", MNL_TYPE_U32 },
	[IFLA_NVO_MAX_FDB]	= { "max-fdb", MNL_TYPE_U32 },
	[IFLA_NVO_MAX_LEARNED]	= { "max-learned", MNL_TYPE_U32 },
};

static const struct nvo_attr_space link_data_space = {
	.max = IFLA_NVO_MAX, .attrs = link_data_attrs,
};

static const struct nvo_attr_desc link_info_attrs[IFLA_INFO_MAX + 1] = {
	[IFLA_INFO_KIND]	= { "kind", MNL_TYPE_NUL_STRING },
	[IFLA_INFO_DATA]	= { .type = MNL_TYPE_NESTED,
				    .nest = &link_data_space },
};

static const struct nvo_attr_space link_info_space = {
	.max = IFLA_INFO_MAX, .attrs = link_info_attrs,
};

static const struct nvo_attr_desc link_attrs[IFLA_MAX + 1] = {
	[IFLA_IFNAME]		= { "device", MNL_TYPE_NUL_STRING, IFNAMSIZ },
	[IFLA_MASTER]		= { "master", MNL_TYPE_U32 },
	[IFLA_LINKINFO]		= { .type = MNL_TYPE_NESTED,
				    .nest = &link_info_space },
};

static const struct nvo_attr_space link_space = {
	.max = IFLA_MAX, .attrs = link_attrs,
};

#define LINK_FIELDS	(NVO_LINK_LOCAL | NVO_LINK_DSTPORT | NVO_LINK_LEARNING | \
			 NVO_LINK_AGEING | NVO_LINK_UP | NVO_LINK_LOCAL6 | \
			 NVO_LINK_ENCAP | NVO_LINK_GENEVE_PORT | NVO_LINK_TTL | \
			 NVO_LINK_TOS | NVO_LINK_UDP_CSUM | \
			 NVO_LINK_UDP6_ZERO_CSUM_TX | \
			 NVO_LINK_UDP6_ZERO_CSUM_RX | NVO_LINK_SPORT | \
			 NVO_LINK_GENEVE_PORT_ID | NVO_LINK_MAX_VNIS | \
			 NVO_LINK_MAX_FDB | NVO_LINK_MAX_LEARNED | NVO_LINK_GBP | \
			 NVO_LINK_MAX_CONNS)

/*
 * The caller's cfg with NULL as "nothing set". Only fields whose bit is
 * set are read: a program built with an older libnvo.h has a shorter
 * struct. A bit from a newer one is refused rather than ignored.
 */
static int link_cfg(struct nvo *h, const struct nvo_link_cfg **cfg)
{
	static const struct nvo_link_cfg none;

	if (!*cfg)
		*cfg = &none;
	if ((*cfg)->set & ~LINK_FIELDS)
		return nvo__errf(h, -EOPNOTSUPP,
				 "link setting 0x%x is unknown to libnvo %s",
				 (*cfg)->set & ~LINK_FIELDS, nvo_version());
	return 0;
}

/* -1: leave the flags alone, 0: bring the link down, 1: up. */
static int link_up(const struct nvo_link_cfg *cfg)
{
	return cfg->set & NVO_LINK_UP ? cfg->up : -1;
}

static struct nlmsghdr *link_start(struct nvo *h, uint16_t type,
				   uint16_t flags, uint32_t ifindex, int up)
{
	struct ifinfomsg ifm = {
		.ifi_family = AF_UNSPEC,
		.ifi_index = ifindex,
	};

	if (up >= 0) {
		ifm.ifi_change = IFF_UP;
		ifm.ifi_flags = up ? IFF_UP : 0;
	}
	return nvo__msg_start(h, type, flags, &ifm, sizeof(ifm), &link_space);
}

static bool nest_empty(const struct nlmsghdr *nlh, const struct nlattr *nest)
{
	return mnl_nlmsg_get_payload_tail(nlh) == mnl_attr_get_payload(nest);
}

/*
 * Puts IFLA_LINKINFO with the nvo attributes cfg sets. A creation always
 * names the kind; a change that sets nothing puts nothing. With exact, the
 * TTL and TOS values go with their inherit flags too, as a link's state
 * read back has them.
 */
static void link_put_info(struct nlmsghdr *nlh,
			  const struct nvo_link_cfg *cfg, bool create,
			  bool exact)
{
	struct nlattr *info, *data;

	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, NVO_KIND);
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	if (cfg->set & NVO_LINK_LOCAL)
		mnl_attr_put(nlh, IFLA_NVO_LOCAL_IP4, sizeof(cfg->local.s_addr),
			     &cfg->local.s_addr);
	if (cfg->set & NVO_LINK_DSTPORT)
		mnl_attr_put_u16(nlh, IFLA_NVO_DSTPORT, cfg->dstport);
	if (cfg->set & NVO_LINK_LEARNING)
		mnl_attr_put_u8(nlh, IFLA_NVO_LEARNING, cfg->learning);
	if (cfg->set & NVO_LINK_AGEING)
		mnl_attr_put_u32(nlh, IFLA_NVO_AGEING, cfg->ageing);
	if (cfg->set & NVO_LINK_LOCAL6)
		mnl_attr_put(nlh, IFLA_NVO_LOCAL_IP6, sizeof(cfg->local6),
			     &cfg->local6);
	if (cfg->set & NVO_LINK_ENCAP)
		mnl_attr_put_u8(nlh, IFLA_NVO_ENCAP, cfg->encap);
	if (cfg->set & NVO_LINK_GENEVE_PORT)
		mnl_attr_put_u16(nlh, IFLA_NVO_GENEVE_PORT, cfg->geneve_port);
	if (cfg->set & NVO_LINK_TTL) {
		if (!cfg->ttl_inherit || exact)
			mnl_attr_put_u8(nlh, IFLA_NVO_TTL, cfg->ttl);
		mnl_attr_put_u8(nlh, IFLA_NVO_TTL_INHERIT, cfg->ttl_inherit);
	}
	if (cfg->set & NVO_LINK_TOS) {
		if (!cfg->tos_inherit || exact)
			mnl_attr_put_u8(nlh, IFLA_NVO_TOS, cfg->tos);
		mnl_attr_put_u8(nlh, IFLA_NVO_TOS_INHERIT, cfg->tos_inherit);
	}
	if (cfg->set & NVO_LINK_UDP_CSUM)
		mnl_attr_put_u8(nlh, IFLA_NVO_UDP_CSUM, cfg->udp_csum);
	if (cfg->set & NVO_LINK_UDP6_ZERO_CSUM_TX)
		mnl_attr_put_u8(nlh, IFLA_NVO_UDP6_ZERO_CSUM_TX,
				cfg->udp6_zero_csum_tx);
	if (cfg->set & NVO_LINK_UDP6_ZERO_CSUM_RX)
		mnl_attr_put_u8(nlh, IFLA_NVO_UDP6_ZERO_CSUM_RX,
				cfg->udp6_zero_csum_rx);
	if (cfg->set & NVO_LINK_SPORT) {
		mnl_attr_put_u16(nlh, IFLA_NVO_SPORT_MIN, cfg->sport_min);
		mnl_attr_put_u16(nlh, IFLA_NVO_SPORT_MAX, cfg->sport_max);
	}
	if (cfg->set & NVO_LINK_GENEVE_PORT_ID)
		mnl_attr_put_u8(nlh, IFLA_NVO_GENEVE_PORT_ID,
				cfg->geneve_port_id);
	if (cfg->set & NVO_LINK_MAX_VNIS)
		mnl_attr_put_u32(nlh, IFLA_NVO_MAX_VNIS, cfg->max_vnis);
	if (cfg->set & NVO_LINK_MAX_FDB)
		mnl_attr_put_u32(nlh, IFLA_NVO_MAX_FDB, cfg->max_fdb);
	if (cfg->set & NVO_LINK_MAX_LEARNED)
		mnl_attr_put_u32(nlh, IFLA_NVO_MAX_LEARNED, cfg->max_learned);
	if (cfg->set & NVO_LINK_GBP)
		mnl_attr_put_u8(nlh, IFLA_NVO_GBP, cfg->gbp);
	if (cfg->set & NVO_LINK_MAX_CONNS)
		mnl_attr_put_u32(nlh, IFLA_NVO_MAX_CONNS, cfg->max_conns);

	if (!nest_empty(nlh, data)) {
		mnl_attr_nest_end(nlh, data);
	} else {
		mnl_attr_nest_cancel(nlh, data);
		if (!create) {
			mnl_attr_nest_cancel(nlh, info);
			return;
		}
	}
	mnl_attr_nest_end(nlh, info);
}

/*
 * The settings of IFLA_INFO_DATA, each with its bit in cfg->set, so that
 * a kernel that does not report one is told apart from a zero.
 */
static void link_data_parse(const struct nlattr *const *d,
			    struct nvo_link_cfg *cfg)
{
	if (d[IFLA_NVO_LOCAL_IP4]) {
		cfg->set |= NVO_LINK_LOCAL;
		cfg->local.s_addr = nvo_u32(d[IFLA_NVO_LOCAL_IP4]);
	}
	if (d[IFLA_NVO_DSTPORT]) {
		cfg->set |= NVO_LINK_DSTPORT;
		cfg->dstport = nvo_u16(d[IFLA_NVO_DSTPORT]);
	}
	if (d[IFLA_NVO_LEARNING]) {
		cfg->set |= NVO_LINK_LEARNING;
		cfg->learning = nvo_u8(d[IFLA_NVO_LEARNING]);
	}
	if (d[IFLA_NVO_AGEING]) {
		cfg->set |= NVO_LINK_AGEING;
		cfg->ageing = nvo_u32(d[IFLA_NVO_AGEING]);
	}
	if (d[IFLA_NVO_LOCAL_IP6]) {
		cfg->set |= NVO_LINK_LOCAL6;
		nvo__in6_get(&cfg->local6, d[IFLA_NVO_LOCAL_IP6]);
	}
	if (d[IFLA_NVO_ENCAP]) {
		cfg->set |= NVO_LINK_ENCAP;
		cfg->encap = nvo_u8(d[IFLA_NVO_ENCAP]);
	}
	if (d[IFLA_NVO_GENEVE_PORT]) {
		cfg->set |= NVO_LINK_GENEVE_PORT;
		cfg->geneve_port = nvo_u16(d[IFLA_NVO_GENEVE_PORT]);
	}
	if (d[IFLA_NVO_TTL] || d[IFLA_NVO_TTL_INHERIT]) {
		cfg->set |= NVO_LINK_TTL;
		cfg->ttl = nvo_u8(d[IFLA_NVO_TTL]);
		cfg->ttl_inherit = nvo_u8(d[IFLA_NVO_TTL_INHERIT]);
	}
	if (d[IFLA_NVO_TOS] || d[IFLA_NVO_TOS_INHERIT]) {
		cfg->set |= NVO_LINK_TOS;
		cfg->tos = nvo_u8(d[IFLA_NVO_TOS]);
		cfg->tos_inherit = nvo_u8(d[IFLA_NVO_TOS_INHERIT]);
	}
	if (d[IFLA_NVO_UDP_CSUM]) {
		cfg->set |= NVO_LINK_UDP_CSUM;
		cfg->udp_csum = nvo_u8(d[IFLA_NVO_UDP_CSUM]);
	}
	if (d[IFLA_NVO_UDP6_ZERO_CSUM_TX]) {
		cfg->set |= NVO_LINK_UDP6_ZERO_CSUM_TX;
		cfg->udp6_zero_csum_tx = nvo_u8(d[IFLA_NVO_UDP6_ZERO_CSUM_TX]);
	}
	if (d[IFLA_NVO_UDP6_ZERO_CSUM_RX]) {
		cfg->set |= NVO_LINK_UDP6_ZERO_CSUM_RX;
		cfg->udp6_zero_csum_rx = nvo_u8(d[IFLA_NVO_UDP6_ZERO_CSUM_RX]);
	}
	if (d[IFLA_NVO_SPORT_MIN] || d[IFLA_NVO_SPORT_MAX]) {
		cfg->set |= NVO_LINK_SPORT;
		cfg->sport_min = nvo_u16(d[IFLA_NVO_SPORT_MIN]);
		cfg->sport_max = nvo_u16(d[IFLA_NVO_SPORT_MAX]);
	}
	if (d[IFLA_NVO_MAX_CONNS]) {
		cfg->set |= NVO_LINK_MAX_CONNS;
		cfg->max_conns = nvo_u32(d[IFLA_NVO_MAX_CONNS]);
	}
	if (d[IFLA_NVO_GBP]) {
		cfg->set |= NVO_LINK_GBP;
		cfg->gbp = nvo_u8(d[IFLA_NVO_GBP]);
	}
	if (d[IFLA_NVO_GENEVE_PORT_ID]) {
		cfg->set |= NVO_LINK_GENEVE_PORT_ID;
		cfg->geneve_port_id = nvo_u8(d[IFLA_NVO_GENEVE_PORT_ID]);
	}
	if (d[IFLA_NVO_MAX_VNIS]) {
		cfg->set |= NVO_LINK_MAX_VNIS;
		cfg->max_vnis = nvo_u32(d[IFLA_NVO_MAX_VNIS]);
	}
	if (d[IFLA_NVO_MAX_FDB]) {
		cfg->set |= NVO_LINK_MAX_FDB;
		cfg->max_fdb = nvo_u32(d[IFLA_NVO_MAX_FDB]);
	}
	if (d[IFLA_NVO_MAX_LEARNED]) {
		cfg->set |= NVO_LINK_MAX_LEARNED;
		cfg->max_learned = nvo_u32(d[IFLA_NVO_MAX_LEARNED]);
	}
}

/*
 * One RTM_NEWLINK into info; *nvo tells whether it is of kind nvo, and
 * only then are its settings read; *master (if not NULL) gets the ifindex
 * of its master, 0: none. Its type and header length are checked by the
 * caller.
 */
static int link_parse(struct nvo *h, const char *what,
		      const struct nlmsghdr *nlh, struct nvo_link_info *info,
		      bool *nvo, uint32_t *master)
{
	const struct nlattr *tb[IFLA_MAX + 1] = { NULL };
	const struct nlattr *li[IFLA_INFO_MAX + 1] = { NULL };
	const struct nlattr *data[IFLA_NVO_MAX + 1] = { NULL };
	const struct ifinfomsg *ifm = mnl_nlmsg_get_payload(nlh);
	int err;

	memset(info, 0, sizeof(*info));
	err = nvo__attr_parse(&link_space,
			      mnl_nlmsg_get_payload_offset(nlh, sizeof(*ifm)),
			      mnl_nlmsg_get_payload_len(nlh) - sizeof(*ifm),
			      tb);
	if (!err && tb[IFLA_LINKINFO])
		err = nvo__attr_parse_nested(&link_info_space,
					     tb[IFLA_LINKINFO], li);
	*nvo = li[IFLA_INFO_KIND] &&
	       !strcmp(mnl_attr_get_str(li[IFLA_INFO_KIND]), NVO_KIND);
	info->ifindex = ifm->ifi_index;
	nvo__ifname_get(info->ifname, tb[IFLA_IFNAME]);
	if (master)
		*master = nvo_u32(tb[IFLA_MASTER]);
	info->cfg.set = NVO_LINK_UP;
	info->cfg.up = ifm->ifi_flags & IFF_UP;
	/* Another kind's data is none of libnvo's business. */
	if (!err && *nvo && li[IFLA_INFO_DATA])
		err = nvo__attr_parse_nested(&link_data_space,
					     li[IFLA_INFO_DATA], data);
	if (err)
		return nvo__errf(h, err, "%s: malformed attribute of link \"%s\" in reply",
				 what, info->ifname);
	link_data_parse(data, &info->cfg);
	return 0;
}

/* Sends the request in h->tx on the rtnetlink socket. */
static int link_talk(struct nvo *h, const char *what, void *ctx __nvo_unused,
		     nvo_msg_fn fn, void *arg, bool *intr)
{
	return nvo__talk(h, &h->rtnl, what, fn, arg, intr);
}

struct link_walk {
	const char *what;
	const char *name;		/* NULL: a dump of every nvo link */
	nvo_link_cb cb;
	void *arg;
};

static int link_reply(struct nvo *h, const struct nlmsghdr *nlh, void *arg)
{
	const struct link_walk *w = arg;
	struct nvo_link_info info;
	bool nvo;
	int err;

	err = link_parse(h, w->what, nlh, &info, &nvo, NULL);
	if (err)
		return err;
	if (!nvo && w->name)
		return nvo__errf(h, -EINVAL, "\"%s\" is not an nvo device",
				 w->name);
	/* A dump has every link the kind filter did not take out. */
	return nvo ? w->cb(&info, w->arg) : 0;
}

/*
 * The link called name (NULL: every nvo link), read whole before cb sees
 * any. A dump asks the kernel for nvo links only, but a kernel that does
 * not know the kind yet sends them all: they are filtered here too.
 */
static int link_get(struct nvo *h, const char *what, const char *name,
		    nvo_link_cb cb, void *arg)
{
	struct link_walk w = { what, name, cb, arg };
	struct nlmsghdr *nlh;
	int err;

	nlh = link_start(h, RTM_GETLINK, name ? NLM_F_ACK : NLM_F_DUMP, 0, -1);
	if (name) {
		err = nvo__put_ifname(h, nlh, IFLA_IFNAME, name);
		if (err)
			return err;
	} else {
		struct nlattr *info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);

		mnl_attr_put_strz(nlh, IFLA_INFO_KIND, NVO_KIND);
		mnl_attr_nest_end(nlh, info);
	}
	err = nvo__collect(h, what, RTM_NEWLINK, sizeof(struct ifinfomsg),
			   link_talk, NULL, link_reply, &w);
	if (err == -ENODEV && name)
		return nvo__errf(h, err, "device \"%s\" does not exist", name);
	return err;
}

int nvo_link_get(struct nvo *h, const char *name, nvo_link_cb cb, void *arg)
{
	nvo__begin(h);
	return link_get(h, name ? "cannot get link" : "cannot list links",
			name, cb, arg);
}

static int link_id(const struct nvo_link_info *info, void *arg)
{
	*(uint32_t *)arg = info->ifindex;
	return 0;
}

/*
 * The ifindex of the nvo link called name. Changing or deleting a link of
 * another kind by mistake is refused here.
 */
static int link_lookup(struct nvo *h, const char *name, uint32_t *ifindex)
{
	return link_get(h, "cannot find link", name, link_id, ifindex);
}

int nvo_link_add(struct nvo *h, const char *name,
		 const struct nvo_link_cfg *cfg)
{
	struct nlmsghdr *nlh;
	int err;

	nvo__begin(h);
	err = link_cfg(h, &cfg);
	if (err)
		return err;
	/* A new link is down: only going up needs saying. */
	nlh = link_start(h, RTM_NEWLINK, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL,
			 0, link_up(cfg) > 0 ? 1 : -1);
	err = nvo__put_ifname(h, nlh, IFLA_IFNAME, name);
	if (err)
		return err;
	link_put_info(nlh, cfg, true, false);
	err = nvo__talk(h, &h->rtnl, "cannot create link", NULL, NULL, NULL);
	/* What rtnetlink answers when no module provides the kind. */
	if (err == -EOPNOTSUPP)
		nvo__err_append(h, " (is nvo.ko loaded?)");
	return err;
}

/*
 * Sends one change of ifindex (exact: see link_put_info()); a message that
 * changes nothing is not sent.
 */
static int link_change(struct nvo *h, uint32_t ifindex, int up,
		       const struct nvo_link_cfg *cfg, bool exact)
{
	struct nlmsghdr *nlh;

	nlh = link_start(h, RTM_NEWLINK, NLM_F_ACK, ifindex, up);
	if (cfg)
		link_put_info(nlh, cfg, false, exact);
	if (up < 0 && nlh->nlmsg_len == MNL_NLMSG_HDRLEN +
					MNL_ALIGN(sizeof(struct ifinfomsg)))
		return 0;
	return nvo__talk(h, &h->rtnl, "cannot change link", NULL, NULL, NULL);
}

static int link_info_copy(const struct nvo_link_info *info, void *arg)
{
	*(struct nvo_link_info *)arg = *info;
	return 0;
}

/*
 * Going up after changes: on its own, since it can fail (a UDP port
 * taken) after the kernel made them; then they are undone, with the values
 * the link had, so that the request changes nothing.
 */
static int link_up_after(struct nvo *h, const struct nvo_link_info *old,
			 const struct nvo_link_cfg *cfg)
{
	struct nvo_link_cfg back = old->cfg;
	char why[NVO_ERRMSG_SIZE], why_undo[NVO_ERRMSG_SIZE];
	int err, undo;

	err = link_change(h, old->ifindex, -1, cfg, false);
	if (err)
		return err;
	err = link_change(h, old->ifindex, 1, NULL, false);
	if (!err)
		return 0;
	snprintf(why, sizeof(why), "%s", h->errmsg);
	back.set = cfg->set & ~NVO_LINK_UP;
	undo = link_change(h, old->ifindex, -1, &back, true);
	if (undo) {
		snprintf(why_undo, sizeof(why_undo), "%s", h->errmsg);
		return nvo__errf(h, err, "%s; the new settings stay, putting the old ones back failed: %s",
				 why, why_undo);
	}
	return nvo__errf(h, err, "%s (the link is down, its settings as they were)",
			 why);
}

int nvo_link_set(struct nvo *h, const char *name,
		 const struct nvo_link_cfg *cfg)
{
	struct nvo_link_info old;
	int err;

	nvo__begin(h);
	err = link_cfg(h, &cfg);
	if (!err)
		err = link_get(h, "cannot find link", name, link_info_copy,
			       &old);
	if (err)
		return err;
	/*
	 * The kernel applies IFLA_INFO_DATA before the flags. Some changes
	 * (dstport) are refused while the link is up, so going down is sent
	 * first, on its own; going up, after the changes.
	 */
	if (!link_up(cfg)) {
		err = link_change(h, old.ifindex, 0, NULL, false);
		if (err)
			return err;
	}
	if (link_up(cfg) > 0 && !old.cfg.up && (cfg->set & ~NVO_LINK_UP))
		return link_up_after(h, &old, cfg);
	return link_change(h, old.ifindex, link_up(cfg) > 0 ? 1 : -1, cfg,
			   false);
}

int nvo_link_del(struct nvo *h, const char *name)
{
	uint32_t ifindex;
	int err;

	nvo__begin(h);
	err = link_lookup(h, name, &ifindex);
	if (err)
		return err;
	link_start(h, RTM_DELLINK, NLM_F_ACK, ifindex, -1);
	return nvo__talk(h, &h->rtnl, "cannot delete link", NULL, NULL, NULL);
}

/* The link a port is, then the link that is its master. */
struct master_walk {
	const char *port;
	uint32_t master;
	char *dev;
};

static int port_link_reply(struct nvo *h, const struct nlmsghdr *nlh,
			   void *arg)
{
	struct master_walk *w = arg;
	struct nvo_link_info info;
	bool nvo;

	return link_parse(h, "cannot get port", nlh, &info, &nvo, &w->master);
}

static int master_link_reply(struct nvo *h, const struct nlmsghdr *nlh,
			     void *arg)
{
	struct master_walk *w = arg;
	struct nvo_link_info info;
	bool nvo;
	int err;

	err = link_parse(h, "cannot get the master of a port", nlh, &info,
			 &nvo, NULL);
	if (err)
		return err;
	if (!nvo)
		return nvo__errf(h, -EINVAL, "\"%s\" is not a port of an nvo device",
				 w->port);
	memcpy(w->dev, info.ifname, IF_NAMESIZE);
	return 0;
}

int nvo_port_master(struct nvo *h, const char *port, char dev[IF_NAMESIZE])
{
	struct master_walk w = { port, 0, dev };
	struct nlmsghdr *nlh;
	int err;

	nvo__begin(h);
	nlh = link_start(h, RTM_GETLINK, NLM_F_ACK, 0, -1);
	err = nvo__put_ifname(h, nlh, IFLA_IFNAME, port);
	if (err)
		return err;
	err = nvo__collect(h, "cannot get port", RTM_NEWLINK,
			   sizeof(struct ifinfomsg), link_talk, NULL,
			   port_link_reply, &w);
	if (err == -ENODEV)
		return nvo__errf(h, err, "device \"%s\" does not exist", port);
	if (err)
		return err;
	if (!w.master)
		return nvo__errf(h, -EINVAL, "\"%s\" is not a port of an nvo device",
				 port);
	link_start(h, RTM_GETLINK, NLM_F_ACK, w.master, -1);
	err = nvo__collect(h, "cannot get the master of a port", RTM_NEWLINK,
			   sizeof(struct ifinfomsg), link_talk, NULL,
			   master_link_reply, &w);
	/* It went away meanwhile: so did the port's place in it. */
	if (err == -ENODEV)
		return nvo__errf(h, -EINVAL, "\"%s\" is not a port of an nvo device",
				 port);
	return err;
}
