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

static const struct nvo_attr_desc link_data_attrs[IFLA_NVO_MAX + 1] = {
	[IFLA_NVO_LOCAL_IP4]	= { "local", MNL_TYPE_U32 },
	[IFLA_NVO_DSTPORT]	= { "dstport", MNL_TYPE_U16 },
	[IFLA_NVO_LEARNING]	= { "learning", MNL_TYPE_U8 },
	[IFLA_NVO_AGEING]	= { "ageing", MNL_TYPE_U32 },
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
	[IFLA_LINKINFO]		= { .type = MNL_TYPE_NESTED,
				    .nest = &link_info_space },
};

static const struct nvo_attr_space link_space = {
	.max = IFLA_MAX, .attrs = link_attrs,
};

#define LINK_FIELDS	(NVO_LINK_LOCAL | NVO_LINK_DSTPORT | NVO_LINK_LEARNING | \
			 NVO_LINK_AGEING | NVO_LINK_UP)

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
	return nvo__msg_start(h, type, NLM_F_ACK | flags, &ifm, sizeof(ifm),
			      &link_space);
}

static bool nest_empty(const struct nlmsghdr *nlh, const struct nlattr *nest)
{
	return mnl_nlmsg_get_payload_tail(nlh) == mnl_attr_get_payload(nest);
}

/*
 * Puts IFLA_LINKINFO with the nvo attributes cfg sets. A creation always
 * names the kind; a change that sets nothing puts nothing.
 */
static void link_put_info(struct nlmsghdr *nlh,
			  const struct nvo_link_cfg *cfg, bool create)
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

struct link_id {
	uint32_t ifindex;
	bool nvo;
};

static int link_reply(struct nvo *h, const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *tb[IFLA_MAX + 1] = { NULL };
	const struct nlattr *info[IFLA_INFO_MAX + 1] = { NULL };
	const struct ifinfomsg *ifm = mnl_nlmsg_get_payload(nlh);
	struct link_id *id = arg;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifm))
		return nvo__errf(h, -EPROTO, "unexpected rtnetlink message type %u",
				 nlh->nlmsg_type);
	nvo__attr_parse(&link_space,
			mnl_nlmsg_get_payload_offset(nlh, sizeof(*ifm)),
			mnl_nlmsg_get_payload_len(nlh) - sizeof(*ifm), tb);
	if (tb[IFLA_LINKINFO])
		nvo__attr_parse_nested(&link_info_space, tb[IFLA_LINKINFO],
				       info);
	id->ifindex = ifm->ifi_index;
	id->nvo = info[IFLA_INFO_KIND] &&
		  !strcmp(mnl_attr_get_str(info[IFLA_INFO_KIND]), NVO_KIND);
	return 0;
}

/*
 * The ifindex of the nvo link called name. Changing or deleting a link of
 * another kind by mistake is refused here.
 */
static int link_lookup(struct nvo *h, const char *name, uint32_t *ifindex)
{
	struct link_id id = { 0, false };
	struct nlmsghdr *nlh;
	int err;

	nlh = link_start(h, RTM_GETLINK, 0, 0, -1);
	err = nvo__put_ifname(h, nlh, IFLA_IFNAME, name);
	if (err)
		return err;
	err = nvo__talk(h, &h->rtnl, "cannot find link", link_reply, &id, NULL);
	if (err == -ENODEV)
		return nvo__errf(h, err, "device \"%s\" does not exist", name);
	if (err)
		return err;
	if (!id.nvo)
		return nvo__errf(h, -EINVAL, "\"%s\" is not an nvo device", name);
	*ifindex = id.ifindex;
	return 0;
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
	nlh = link_start(h, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0,
			 link_up(cfg) > 0 ? 1 : -1);
	err = nvo__put_ifname(h, nlh, IFLA_IFNAME, name);
	if (err)
		return err;
	link_put_info(nlh, cfg, true);
	err = nvo__talk(h, &h->rtnl, "cannot create link", NULL, NULL, NULL);
	/* What rtnetlink answers when no module provides the kind. */
	if (err == -EOPNOTSUPP)
		nvo__err_append(h, " (is nvo.ko loaded?)");
	return err;
}

/* Sends one change of ifindex; a message that changes nothing is not sent. */
static int link_change(struct nvo *h, uint32_t ifindex, int up,
		       const struct nvo_link_cfg *cfg)
{
	struct nlmsghdr *nlh;

	nlh = link_start(h, RTM_NEWLINK, 0, ifindex, up);
	if (cfg)
		link_put_info(nlh, cfg, false);
	if (up < 0 && nlh->nlmsg_len == MNL_NLMSG_HDRLEN +
					MNL_ALIGN(sizeof(struct ifinfomsg)))
		return 0;
	return nvo__talk(h, &h->rtnl, "cannot change link", NULL, NULL, NULL);
}

int nvo_link_set(struct nvo *h, const char *name,
		 const struct nvo_link_cfg *cfg)
{
	uint32_t ifindex;
	int err;

	nvo__begin(h);
	err = link_cfg(h, &cfg);
	if (!err)
		err = link_lookup(h, name, &ifindex);
	if (err)
		return err;
	/*
	 * The kernel applies IFLA_INFO_DATA before the flags. Some changes
	 * (dstport) are refused while the link is up, so going down is sent
	 * first, on its own, and going up rides along with the changes.
	 */
	if (!link_up(cfg)) {
		err = link_change(h, ifindex, 0, NULL);
		if (err)
			return err;
	}
	return link_change(h, ifindex, link_up(cfg) > 0 ? 1 : -1, cfg);
}

int nvo_link_del(struct nvo *h, const char *name)
{
	uint32_t ifindex;
	int err;

	nvo__begin(h);
	err = link_lookup(h, name, &ifindex);
	if (err)
		return err;
	link_start(h, RTM_DELLINK, 0, ifindex, -1);
	return nvo__talk(h, &h->rtnl, "cannot delete link", NULL, NULL, NULL);
}
