// SPDX-License-Identifier: LGPL-2.1-or-later
/* nvo devices as the generic netlink family reports them. */
#include "internal.h"

struct dev_walk {
	nvo_dev_cb cb;
	void *arg;
};

static int dev_reply(struct nvo *h, const struct nlattr *const *tb, void *arg)
{
	const struct dev_walk *w = arg;
	struct nvo_dev_info info = {
		.ifindex	= nvo_u32(tb[NVO_A_IFINDEX]),
		.local.s_addr	= nvo_u32(tb[NVO_A_LOCAL_IP4]),
		/* A kernel without the attribute knew only VXLAN. */
		.encap		= tb[NVO_A_ENCAP] ? nvo_u8(tb[NVO_A_ENCAP]) :
						    NVO_ENCAP_VXLAN,
		.dstport	= nvo_u16(tb[NVO_A_DSTPORT]),
		.geneve_port	= nvo_u16(tb[NVO_A_GENEVE_PORT]),
		.learning	= nvo_u8(tb[NVO_A_LEARNING]),
		.running	= nvo_u8(tb[NVO_A_RUNNING]),
		.ageing		= nvo_u32(tb[NVO_A_AGEING]),
		.vni_count	= nvo_u32(tb[NVO_A_VNI_COUNT]),
		.port_count	= nvo_u32(tb[NVO_A_PORT_COUNT]),
		.fdb_count	= nvo_u32(tb[NVO_A_FDB_COUNT]),
		.max_vnis	= nvo_u32(tb[NVO_A_MAX_VNIS]),
		.max_fdb	= nvo_u32(tb[NVO_A_MAX_FDB]),
		.max_learned	= nvo_u32(tb[NVO_A_MAX_LEARNED]),
		.max_conns	= nvo_u32(tb[NVO_A_MAX_CONNS]),
	};
	int err;

	nvo__ifname_get(info.ifname, tb[NVO_A_IFNAME]);
	nvo__in6_get(&info.local6, tb[NVO_A_LOCAL_IP6]);
	err = nvo__stats_parse(h, tb[NVO_A_STATS], &info.stats,
				&info.learn_limit, &info.neigh_answered,
				&info.neigh_flooded, &info.dhcp_answered);
	return err ? err : w->cb(&info, w->arg);
}

int nvo_dev_get(struct nvo *h, const char *dev, nvo_dev_cb cb, void *arg)
{
	const struct nvo_req req = { .dev = dev };
	struct dev_walk w = { cb, arg };

	return nvo__genl_get(h, "cannot get nvo devices", NVO_CMD_DEV_GET,
			     dev ? &req : NULL, !dev,
			     NVO_ATTR_BIT(NVO_A_IFINDEX) |
			     NVO_ATTR_BIT(NVO_A_IFNAME),
			     dev_reply, &w);
}
