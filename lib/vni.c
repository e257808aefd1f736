// SPDX-License-Identifier: LGPL-2.1-or-later
/* The VNIs (tenant segments) of an nvo device. */
#include "internal.h"

struct vni_walk {
	nvo_vni_cb cb;
	void *arg;
};

static int vni_reply(struct nvo *h, const struct nlattr *const *tb, void *arg)
{
	const struct vni_walk *w = arg;
	struct nvo_vni_info info = {
		.ifindex	= nvo_u32(tb[NVO_A_IFINDEX]),
		.vni		= nvo_u32(tb[NVO_A_VNI]),
		.port_count	= nvo_u32(tb[NVO_A_PORT_COUNT]),
		.fdb_count	= nvo_u32(tb[NVO_A_FDB_COUNT]),
		.flood_count	= nvo_u32(tb[NVO_A_FLOOD_COUNT]),
		.encap		= nvo_u8(tb[NVO_A_ENCAP]),
		.overhead	= nvo_u32(tb[NVO_A_OVERHEAD]),
		.mtu		= nvo_u32(tb[NVO_A_MTU]),
	};
	int err;

	err = nvo__stats_parse(h, tb[NVO_A_STATS], &info.stats);
	return err ? err : w->cb(&info, w->arg);
}

/* UNSPEC is not put: it is what the kernel assumes without the attribute. */
int nvo_vni_add(struct nvo *h, const char *dev, uint32_t vni,
		enum nvo_encap encap)
{
	const struct nvo_req req = {
		.dev = dev, .has_vni = true, .vni = vni,
		.has_encap = encap != NVO_ENCAP_UNSPEC, .encap = encap,
	};

	return nvo__genl_do(h, "cannot add VNI", NVO_CMD_VNI_NEW, &req);
}

int nvo_vni_set(struct nvo *h, const char *dev, uint32_t vni,
		enum nvo_encap encap)
{
	const struct nvo_req req = {
		.dev = dev, .has_vni = true, .vni = vni,
		.has_encap = true, .encap = encap,
	};

	return nvo__genl_do(h, "cannot change VNI", NVO_CMD_VNI_SET, &req);
}

int nvo_vni_del(struct nvo *h, const char *dev, uint32_t vni)
{
	const struct nvo_req req = { .dev = dev, .has_vni = true, .vni = vni };

	return nvo__genl_do(h, "cannot delete VNI", NVO_CMD_VNI_DEL, &req);
}

int nvo_vni_get(struct nvo *h, const char *dev, uint32_t vni,
		nvo_vni_cb cb, void *arg)
{
	const struct nvo_req req = { .dev = dev, .has_vni = true, .vni = vni };
	struct vni_walk w = { cb, arg };

	return nvo__genl_get(h, "cannot get VNI", NVO_CMD_VNI_GET, &req, false,
			     NVO_ATTR_BIT(NVO_A_VNI), vni_reply, &w);
}

int nvo_vni_dump(struct nvo *h, const char *dev, nvo_vni_cb cb, void *arg)
{
	const struct nvo_req req = { .dev = dev };
	struct vni_walk w = { cb, arg };

	return nvo__genl_get(h, "cannot list VNIs", NVO_CMD_VNI_GET, &req, true,
			     NVO_ATTR_BIT(NVO_A_VNI), vni_reply, &w);
}
