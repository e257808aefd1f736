// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Tenant routers of a device: an id, the tenant they route for, and how
 * many interfaces and routes they have (rif.c, route.c).
 */
#include <errno.h>

#include "internal.h"

struct router_walk {
	nvo_router_cb cb;
	void *arg;
};

static int router_reply(struct nvo *h, const struct nlattr *const *tb,
			void *arg)
{
	const struct router_walk *w = arg;
	const struct nvo_router_info info = {
		.ifindex	= nvo_u32(tb[NVO_A_IFINDEX]),
		.id		= nvo_u32(tb[NVO_A_ROUTER_ID]),
		.tenant		= nvo_u16(tb[NVO_A_TENANT]),
		.rif_count	= nvo_u32(tb[NVO_A_RIF_COUNT]),
		.route_count	= nvo_u32(tb[NVO_A_ROUTE_COUNT]),
	};

	/* Past the 64 bits of nvo__genl_get()'s mask of required ones. */
	if (!tb[NVO_A_ROUTER_ID])
		return nvo__errf(h, -EPROTO, "router without an id in reply");
	return w->cb(&info, w->arg);
}

int nvo_router_add(struct nvo *h, const char *dev, uint32_t id,
		   uint16_t tenant)
{
	const struct nvo_req req = {
		.dev = dev, .has_router = true, .router = id,
		.has_tenant = true, .tenant = tenant,
	};

	return nvo__genl_do(h, "cannot add router", NVO_CMD_ROUTER_NEW, &req);
}

int nvo_router_del(struct nvo *h, const char *dev, uint32_t id)
{
	const struct nvo_req req = {
		.dev = dev, .has_router = true, .router = id,
	};

	return nvo__genl_do(h, "cannot delete router", NVO_CMD_ROUTER_DEL,
			    &req);
}

int nvo_router_dump(struct nvo *h, const char *dev, nvo_router_cb cb,
		    void *arg)
{
	const struct nvo_req req = { .dev = dev };
	struct router_walk w = { cb, arg };

	return nvo__genl_get(h, "cannot list routers", NVO_CMD_ROUTER_GET,
			     &req, true, 0, router_reply, &w);
}
