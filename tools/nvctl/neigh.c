// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvctl neigh add|replace|del|show: the tenant addresses whose ARP and ND
 * requests nvo answers itself, VNI by VNI.
 */
#include <stdio.h>

#include "nvctl.h"

static int neigh_set(struct nvctl *c, int argc, char **argv, bool replace)
{
	struct nvo_addr ip = { 0 };
	uint8_t mac[6] = { 0 };
	bool router = false;
	const char *dev;
	uint32_t vni = 0;
	struct arg args[] = {
		{ .kw = "vni", .type = ARG_VNI, .dst = &vni, .required = true },
		{ .kw = "ip", .type = ARG_ADDR, .dst = &ip, .required = true },
		{ .kw = "mac", .type = ARG_MAC, .dst = mac, .required = true },
		{ .kw = "router", .type = ARG_FLAG, .dst = &router, .flag = true },
		{ NULL },
	};
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	return nvctl_status(c, nvo_neigh_add_flags(nvctl_nvo(c), dev, vni, &ip,
						   mac, replace,
						   router ? NVO_NEIGH_F_ROUTER : 0));
}

static int neigh_add(struct nvctl *c, int argc, char **argv)
{
	return neigh_set(c, argc, argv, false);
}

static int neigh_replace(struct nvctl *c, int argc, char **argv)
{
	return neigh_set(c, argc, argv, true);
}

static int neigh_del(struct nvctl *c, int argc, char **argv)
{
	struct nvo_addr ip = { 0 };
	const char *dev;
	uint32_t vni = 0;
	struct arg args[] = {
		{ .kw = "vni", .type = ARG_VNI, .dst = &vni, .required = true },
		{ .kw = "ip", .type = ARG_ADDR, .dst = &ip, .required = true },
		{ NULL },
	};
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	return nvctl_status(c, nvo_neigh_del(nvctl_nvo(c), dev, vni, &ip));
}

static bool neigh_learned(const struct nvo_neigh_info *n)
{
	return n->flags & NVO_NEIGH_F_LEARNED;
}

/* The port and age only for a learned entry: a static one has neither. */
static void neigh_item(struct json *j, const void *item,
		       const void *ctx NVCTL_UNUSED)
{
	const struct nvo_neigh_info *n = item;
	char addr[INET6_ADDRSTRLEN], mac[MAC_STRLEN], name[IFNAME_STRLEN];

	if (!j) {
		printf("vni %u ip %s mac %s", n->vni, addr_str(&n->ip, addr),
		       mac_str(n->mac, mac));
		if (n->flags & NVO_NEIGH_F_ROUTER)
			printf(" router");
		if (neigh_learned(n))
			printf(" learned port %s age %us",
			       ifname_str(n->port_ifname, name), n->age);
		putchar('\n');
		return;
	}
	json_object_open(j, NULL);
	json_uint(j, "vni", n->vni);
	json_string(j, "ip", addr_str(&n->ip, addr));
	json_string(j, "mac", mac_str(n->mac, mac));
	json_bool(j, "router", n->flags & NVO_NEIGH_F_ROUTER);
	json_bool(j, "learned", neigh_learned(n));
	if (neigh_learned(n)) {
		json_string(j, "port", n->port_ifname);
		json_uint(j, "age", n->age);
	}
	json_object_close(j);
}

static int neigh_show(struct nvctl *c, int argc, char **argv)
{
	return show_table(c, argc, argv, sizeof(struct nvo_neigh_info),
			  load_neigh, neigh_item);
}

const struct cmd neigh_cmds[] = {
	{ "add", neigh_add },
	{ "replace", neigh_replace },
	{ "del", neigh_del },
	{ "show", neigh_show },
	{ NULL, NULL },
};
