// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Ports: local Ethernet devices attached to one VNI of an nvo device, with
 * their security groups and DHCP binding.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

_Static_assert(NVO_PORT_SG_MAX <= LIBNVO_PORT_SGS,
	       "struct nvo_port_info must hold every group a port may have");

struct port_walk {
	nvo_port_cb cb;
	void *arg;
};

/* NVO_A_DHCP, only when the port has a binding. */
static int port_dhcp(struct nvo *h, const struct nlattr *a,
		     struct nvo_port_info *info)
{
	if (!a)
		return 0;
	if (nvo__dhcp_parse(a, &info->dhcp) < 0)
		return nvo__errf(h, -EPROTO,
				 "port \"%s\" with a malformed DHCP binding in reply",
				 info->port_ifname);
	info->has_dhcp = true;
	return 0;
}

static int port_reply(struct nvo *h, const struct nlattr *const *tb,
		      void *arg)
{
	const struct port_walk *w = arg;
	struct nvo_port_info info = {
		.ifindex	= nvo_u32(tb[NVO_A_IFINDEX]),
		.port_ifindex	= nvo_u32(tb[NVO_A_PORT_IFINDEX]),
		.vni		= nvo_u32(tb[NVO_A_VNI]),
		.id		= nvo_u32(tb[NVO_A_PORT_ID]),
		/* On by default, and a kernel without it has no firewall. */
		.security	= !tb[NVO_A_PORT_SECURITY] ||
				  nvo_u8(tb[NVO_A_PORT_SECURITY]),
	};
	int err;

	nvo__ifname_get(info.port_ifname, tb[NVO_A_PORT_IFNAME]);
	err = nvo__sgs_get(info.sg, &info.sg_count, tb[NVO_A_SG_IDS]);
	if (err)
		err = nvo__errf(h, -EPROTO,
				"port \"%s\" with a malformed list of security groups in reply",
				info.port_ifname);
	if (!err)
		err = nvo__stats_parse(h, tb[NVO_A_STATS], &info.stats,
					&info.learn_limit,
					&info.neigh_answered,
					&info.neigh_flooded,
					&info.dhcp_answered);
	if (!err)
		err = port_dhcp(h, tb[NVO_A_DHCP], &info);
	return err ? err : w->cb(&info, w->arg);
}

/* An id of 0 is not put: it is what the kernel assumes without one. */
int nvo_port_add(struct nvo *h, const char *dev, const char *port,
		 uint32_t vni, uint32_t id)
{
	const struct nvo_req req = {
		.dev = dev, .port = port, .has_vni = true, .vni = vni,
		.port_id = id,
	};

	return nvo__genl_do(h, "cannot add port", NVO_CMD_PORT_NEW, &req);
}

/*
 * The request of a port's cfg (NULL: nothing set), fields of set only;
 * others are refused, as for struct nvo_link_cfg.
 */
static int port_cfg(struct nvo *h, const char *what,
		    const struct nvo_port_cfg *cfg, uint32_t fields,
		    struct nvo_req *req)
{
	if (!cfg)
		return 0;
	if (cfg->set & ~fields) {
		nvo__begin(h);
		return nvo__errf(h, -EOPNOTSUPP,
				 "%s: setting bits 0x%x of struct nvo_port_cfg are unknown or not for this call",
				 what, cfg->set & ~fields);
	}
	if (cfg->set & NVO_PORT_ID)
		req->port_id = cfg->id;
	if (cfg->set & NVO_PORT_SGS) {
		req->has_sgs = true;
		req->sgs = cfg->sg;
		req->sg_count = cfg->sg_count;
	}
	if (cfg->set & NVO_PORT_SECURITY) {
		req->has_security = true;
		req->security = cfg->security;
	}
	if (cfg->set & NVO_PORT_DHCP) {
		req->has_dhcp = true;
		req->dhcp = cfg->dhcp;
	}
	return 0;
}

int nvo_port_add_cfg(struct nvo *h, const char *dev, const char *port,
		     uint32_t vni, const struct nvo_port_cfg *cfg)
{
	const char *what = "cannot add port";
	struct nvo_req req = {
		.dev = dev, .port = port, .has_vni = true, .vni = vni,
	};
	int err;

	err = port_cfg(h, what, cfg, NVO_PORT_ID | NVO_PORT_SGS |
				     NVO_PORT_SECURITY | NVO_PORT_DHCP, &req);
	return err ? err : nvo__genl_do(h, what, NVO_CMD_PORT_NEW, &req);
}

/* A port's id is given once, when it is added. */
int nvo_port_set(struct nvo *h, const char *dev, const char *port,
		 const struct nvo_port_cfg *cfg)
{
	const char *what = "cannot change port";
	struct nvo_req req = { .dev = dev, .port = port };
	int err;

	err = port_cfg(h, what, cfg, NVO_PORT_SGS | NVO_PORT_SECURITY |
				     NVO_PORT_DHCP, &req);
	return err ? err : nvo__genl_do(h, what, NVO_CMD_PORT_SET, &req);
}

int nvo_port_del(struct nvo *h, const char *dev, const char *port)
{
	const struct nvo_req req = { .dev = dev, .port = port };

	return nvo__genl_do(h, "cannot delete port", NVO_CMD_PORT_DEL, &req);
}

int nvo_port_dump(struct nvo *h, const char *dev, int64_t vni,
		  nvo_port_cb cb, void *arg)
{
	const struct nvo_req req = {
		.dev = dev, .has_vni = vni >= 0, .vni = vni,
	};
	struct port_walk w = { cb, arg };

	return nvo__genl_get(h, "cannot list ports", NVO_CMD_PORT_GET, &req,
			     true,
			     NVO_ATTR_BIT(NVO_A_VNI) |
			     NVO_ATTR_BIT(NVO_A_PORT_IFINDEX) |
			     NVO_ATTR_BIT(NVO_A_PORT_IFNAME),
			     port_reply, &w);
}
