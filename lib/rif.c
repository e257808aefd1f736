// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Router interfaces: a router's MAC and gateway addresses on one VNI, the
 * anycast gateway its ports send to.
 */
#include <errno.h>
#include <string.h>
#include <linux/if_ether.h>

#include "internal.h"

#define RIF_FIELDS	(NVO_RIF_HAS_IP4 | NVO_RIF_HAS_PREFIX4 | \
			 NVO_RIF_HAS_IP6 | NVO_RIF_HAS_PREFIX6)

/*
 * "router if add DEV router N vni V mac MAC addr A/P": an address and its
 * prefix are both "addr" there, as an ACL entry's are "src" or "dst".
 */
static const struct nvo_attr_desc rif_attrs[] = {
	[NVO_A_IP4]		= { "addr", MNL_TYPE_U32 },
	[NVO_A_IP6]		= { "addr", MNL_TYPE_BINARY,
				    sizeof(struct in6_addr) },
	[NVO_A_PREFIX4]		= { "addr", MNL_TYPE_U8 },
	[NVO_A_PREFIX6]		= { "addr", MNL_TYPE_U8 },
};

static const struct nvo_attr_space rif_space = {
	.max = sizeof(rif_attrs) / sizeof(rif_attrs[0]) - 1,
	.attrs = rif_attrs, .base = &nvo__genl_space,
};

/*
 * The addresses of an interface, which nvo__req_put() does not know; only
 * fields whose bit is set are read, as for struct nvo_link_cfg.
 */
int nvo__rif_put(struct nvo *h, struct nlmsghdr *nlh,
		 const struct nvo_rif *rif)
{
	if (rif->set & ~RIF_FIELDS)
		return nvo__errf(h, -EOPNOTSUPP,
				 "router interface setting 0x%x is unknown to libnvo %s",
				 rif->set & ~RIF_FIELDS, nvo_version());
	if (rif->set & NVO_RIF_HAS_IP4)
		mnl_attr_put(nlh, NVO_A_IP4, sizeof(rif->ip4), &rif->ip4);
	if (rif->set & NVO_RIF_HAS_PREFIX4)
		mnl_attr_put_u8(nlh, NVO_A_PREFIX4, rif->prefix4);
	if (rif->set & NVO_RIF_HAS_IP6)
		mnl_attr_put(nlh, NVO_A_IP6, sizeof(rif->ip6), &rif->ip6);
	if (rif->set & NVO_RIF_HAS_PREFIX6)
		mnl_attr_put_u8(nlh, NVO_A_PREFIX6, rif->prefix6);
	return 0;
}

struct rif_walk {
	nvo_rif_cb cb;
	void *arg;
};

static int rif_reply(struct nvo *h, const struct nlattr *const *tb,
		     void *arg)
{
	const struct rif_walk *w = arg;
	struct nvo_rif_info info = {
		.ifindex	= nvo_u32(tb[NVO_A_IFINDEX]),
	};
	struct nvo_rif *rif = &info.rif;

	/* Past the 64 bits of nvo__genl_get()'s mask of required ones. */
	if (!tb[NVO_A_ROUTER_ID])
		return nvo__errf(h, -EPROTO, "router interface without a router in reply");
	rif->router = nvo_u32(tb[NVO_A_ROUTER_ID]);
	rif->vni = nvo_u32(tb[NVO_A_VNI]);
	memcpy(rif->mac, mnl_attr_get_payload(tb[NVO_A_MAC]), ETH_ALEN);
	if (tb[NVO_A_IP4]) {
		rif->set |= NVO_RIF_HAS_IP4;
		memcpy(&rif->ip4, mnl_attr_get_payload(tb[NVO_A_IP4]),
		       sizeof(rif->ip4));
	}
	if (tb[NVO_A_PREFIX4]) {
		rif->set |= NVO_RIF_HAS_PREFIX4;
		rif->prefix4 = nvo_u8(tb[NVO_A_PREFIX4]);
	}
	if (tb[NVO_A_IP6]) {
		rif->set |= NVO_RIF_HAS_IP6;
		nvo__in6_get(&rif->ip6, tb[NVO_A_IP6]);
	}
	if (tb[NVO_A_PREFIX6]) {
		rif->set |= NVO_RIF_HAS_PREFIX6;
		rif->prefix6 = nvo_u8(tb[NVO_A_PREFIX6]);
	}
	return w->cb(&info, w->arg);
}

int nvo_rif_add(struct nvo *h, const char *dev, const struct nvo_rif *rif)
{
	const struct nvo_req req = {
		.dev = dev, .has_router = true, .router = rif->router,
		.has_vni = true, .vni = rif->vni, .mac = rif->mac, .rif = rif,
		.space = &rif_space,
	};

	return nvo__genl_do(h, "cannot add router interface",
			    NVO_CMD_RIF_NEW, &req);
}

int nvo_rif_del(struct nvo *h, const char *dev, uint32_t router,
		uint32_t vni)
{
	const struct nvo_req req = {
		.dev = dev, .has_router = true, .router = router,
		.has_vni = true, .vni = vni,
	};

	return nvo__genl_do(h, "cannot delete router interface",
			    NVO_CMD_RIF_DEL, &req);
}

int nvo_rif_dump(struct nvo *h, const char *dev, nvo_rif_cb cb, void *arg)
{
	const struct nvo_req req = { .dev = dev };
	struct rif_walk w = { cb, arg };

	return nvo__genl_get(h, "cannot list router interfaces",
			     NVO_CMD_RIF_GET, &req, true,
			     NVO_ATTR_BIT(NVO_A_VNI) | NVO_ATTR_BIT(NVO_A_MAC),
			     rif_reply, &w);
}
