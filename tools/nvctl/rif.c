// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvctl router if add|del|show: a router's interface on a VNI, its MAC and
 * gateway addresses there.
 */
#include <stdio.h>

#include "nvctl.h"

static const char *family_str(const struct prefix *p)
{
	return p->addr.family == AF_INET6 ? "IPv6" : "IPv4";
}

/*
 * An interface has at most one address of each family, all struct
 * nvo_rif has room for, and at least one, or the kernel refuses it.
 * A prefix length is sent only when given, so that the kernel's default
 * applies without it and /0 is refused as given.
 */
static int rif_addrs(struct nvo_rif *rif, const struct arg *a,
		     const struct prefix addr[2])
{
	char x[PREFIX_STRLEN], y[PREFIX_STRLEN];
	int i;

	if (!a[0].seen)
		return usage_error("\"addr\" is missing");
	if (a[1].seen && addr[0].addr.family == addr[1].addr.family)
		return usage_error("\"addr %s\" and \"addr %s\" are both %s: an interface has one address of each family",
				   prefix_given_str(&addr[0], x),
				   prefix_given_str(&addr[1], y),
				   family_str(&addr[0]));
	for (i = 0; i < 2 && a[i].seen; i++) {
		const struct prefix *p = &addr[i];

		if (p->addr.family == AF_INET) {
			rif->set |= NVO_RIF_HAS_IP4 |
				    (p->has_len ? NVO_RIF_HAS_PREFIX4 : 0);
			rif->ip4 = p->addr.v4;
			rif->prefix4 = p->len;
		} else {
			rif->set |= NVO_RIF_HAS_IP6 |
				    (p->has_len ? NVO_RIF_HAS_PREFIX6 : 0);
			rif->ip6 = p->addr.v6;
			rif->prefix6 = p->len;
		}
	}
	return 0;
}

/* "[dev] DEV router N vni V mac MAC addr ADDR[/LEN] [addr ADDR[/LEN]]" */
static int rif_add(struct nvctl *c, int argc, char **argv)
{
	struct nvo_rif rif = { 0 };
	struct prefix addr[2] = { { .len = 0 }, { .len = 0 } };
	struct arg args[] = {
		{ .kw = "router", .type = ARG_U32, .dst = &rif.router,
		  .required = true },
		{ .kw = "vni", .type = ARG_VNI, .dst = &rif.vni,
		  .required = true },
		{ .kw = "mac", .type = ARG_MAC, .dst = rif.mac,
		  .required = true },
		{ .kw = "addr", .type = ARG_PREFIX, .dst = &addr[0] },
		{ .kw = "addr", .type = ARG_PREFIX, .dst = &addr[1] },
		{ NULL },
	};
	const char *dev;
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (!err)
		err = rif_addrs(&rif, &args[3], addr);
	if (err)
		return err;
	return nvctl_status(c, nvo_rif_add(nvctl_nvo(c), dev, &rif));
}

/* "[dev] DEV router N vni V" */
static int rif_del(struct nvctl *c, int argc, char **argv)
{
	uint32_t router = 0, vni = 0;
	struct arg args[] = {
		{ .kw = "router", .type = ARG_U32, .dst = &router,
		  .required = true },
		{ .kw = "vni", .type = ARG_VNI, .dst = &vni, .required = true },
		{ NULL },
	};
	const char *dev;
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	return nvctl_status(c, nvo_rif_del(nvctl_nvo(c), dev, router, vni));
}

/*
 * In the words of "router if add", the addresses it has, IPv4 first, each
 * without a length if the kernel did not say it.
 */
static void rif_item(struct json *j, const void *item,
		     const void *ctx NVCTL_UNUSED)
{
	const struct nvo_rif *rif = &((const struct nvo_rif_info *)item)->rif;
	const struct prefix p4 = {
		.addr = { .family = AF_INET, .v4 = rif->ip4 },
		.len = rif->prefix4, .has_len = rif->set & NVO_RIF_HAS_PREFIX4,
	};
	const struct prefix p6 = {
		.addr = { .family = AF_INET6, .v6 = rif->ip6 },
		.len = rif->prefix6, .has_len = rif->set & NVO_RIF_HAS_PREFIX6,
	};
	bool has4 = rif->set & NVO_RIF_HAS_IP4;
	bool has6 = rif->set & NVO_RIF_HAS_IP6;
	char mac[MAC_STRLEN], b4[PREFIX_STRLEN], b6[PREFIX_STRLEN];

	mac_str(rif->mac, mac);
	if (has4)
		prefix_given_str(&p4, b4);
	if (has6)
		prefix_given_str(&p6, b6);
	if (!j) {
		printf("router %u vni %u mac %s", rif->router, rif->vni, mac);
		if (has4)
			printf(" addr %s", b4);
		if (has6)
			printf(" addr %s", b6);
		putchar('\n');
		return;
	}
	json_object_open(j, NULL);
	json_uint(j, "router", rif->router);
	json_uint(j, "vni", rif->vni);
	json_string(j, "mac", mac);
	if (has4)
		json_string(j, "addr4", b4);
	if (has6)
		json_string(j, "addr6", b6);
	json_object_close(j);
}

/* "[dev] DEV": the interfaces of all the device's routers */
static int rif_show(struct nvctl *c, int argc, char **argv)
{
	struct vec v = VEC_INIT(struct nvo_rif_info);
	struct arg args[] = { { NULL } };
	const char *dev;
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	err = load_rifs(c, dev, &v);
	if (!err)
		print_table(c, &v, rif_item, NULL);
	vec_free(&v);
	return err;
}

const struct cmd rif_cmds[] = {
	{ "add", rif_add },
	{ "del", rif_del },
	{ "show", rif_show },
	{ NULL, NULL },
};
