// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvctl route add|replace|del|show: the routes of tenant routers, static
 * ones via a next hop, and the connected ones of their interfaces.
 */
#include <stdio.h>

#include "nvctl.h"

static const char *family_str(int family)
{
	return family == AF_INET6 ? "IPv6" : "IPv4";
}

/*
 * "default" is the default route of the next hop's family; a prefix of
 * the other family is what no kernel could take, said here in the words
 * of the command line. Host bits are the kernel's to refuse.
 */
static int route_family(struct prefix *dst, const struct nvo_addr *via)
{
	char p[PREFIX_STRLEN], a[INET6_ADDRSTRLEN];

	if (dst->addr.family == AF_UNSPEC) {
		dst->addr.family = via->family;
		return 0;
	}
	if (dst->addr.family == via->family)
		return 0;
	return usage_error("\"%s\" is %s but \"via %s\" is %s",
			   prefix_given_str(dst, p),
			   family_str(dst->addr.family), addr_str(via, a),
			   family_str(via->family));
}

/* "[dev] DEV router N PREFIX via ADDR" */
static int route_set(struct nvctl *c, int argc, char **argv, bool replace)
{
	struct prefix dst = { .len = 0 };
	struct nvo_addr via = { 0 };
	uint32_t router = 0;
	struct arg args[] = {
		{ .kw = "router", .type = ARG_U32, .dst = &router,
		  .required = true },
		{ .kw = "prefix", .type = ARG_DST, .dst = &dst,
		  .required = true, .bare = true },
		{ .kw = "via", .type = ARG_ADDR, .dst = &via,
		  .required = true },
		{ NULL },
	};
	const char *dev;
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (!err)
		err = route_family(&dst, &via);
	if (err)
		return err;
	return nvctl_status(c, nvo_route_add(nvctl_nvo(c), dev, router,
					     &dst.addr, dst.len, &via,
					     replace));
}

static int route_add(struct nvctl *c, int argc, char **argv)
{
	return route_set(c, argc, argv, false);
}

static int route_replace(struct nvctl *c, int argc, char **argv)
{
	return route_set(c, argc, argv, true);
}

/* "[dev] DEV router N PREFIX": without a next hop, "default" is ambiguous. */
static int route_del(struct nvctl *c, int argc, char **argv)
{
	struct prefix dst = { .len = 0 };
	uint32_t router = 0;
	struct arg args[] = {
		{ .kw = "router", .type = ARG_U32, .dst = &router,
		  .required = true },
		{ .kw = "prefix", .type = ARG_DST, .dst = &dst,
		  .required = true, .bare = true },
		{ NULL },
	};
	const char *dev;
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	if (dst.addr.family == AF_UNSPEC)
		return usage_error("\"default\" is 0.0.0.0/0 or ::/0: give one of them");
	return nvctl_status(c, nvo_route_del(nvctl_nvo(c), dev, router,
					     &dst.addr, dst.len));
}

/*
 * A static route in the words of "route add"; a connected one with its
 * interface's VNI, marked as such, as "route add" cannot make it.
 */
static void route_item(struct json *j, const void *item,
		       const void *ctx NVCTL_UNUSED)
{
	const struct nvo_route_info *r = item;
	char dst[PREFIX_STRLEN], via[INET6_ADDRSTRLEN];

	prefix_str(&r->dst, r->prefix, dst);
	if (!j) {
		printf("router %u %s", r->router, dst);
		if (r->connected)
			printf(" dev vni %u connected\n", r->vni);
		else
			printf(" via %s\n", addr_str(&r->via, via));
		return;
	}
	json_object_open(j, NULL);
	json_uint(j, "router", r->router);
	json_string(j, "dst", dst);
	json_bool(j, "connected", r->connected);
	if (r->connected)
		json_uint(j, "vni", r->vni);
	else
		json_string(j, "via", addr_str(&r->via, via));
	json_object_close(j);
}

/* "[dev] DEV [router N]" */
static int route_show(struct nvctl *c, int argc, char **argv)
{
	struct vec v = VEC_INIT(struct nvo_route_info);
	uint32_t router = 0;
	struct arg args[] = {
		{ .kw = "router", .type = ARG_U32, .dst = &router },
		{ NULL },
	};
	const char *dev;
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	err = load_routes(c, dev, args[0].seen ? (int64_t)router : -1, &v);
	if (!err)
		print_table(c, &v, route_item, NULL);
	vec_free(&v);
	return err;
}

const struct cmd route_cmds[] = {
	{ "add", route_add },
	{ "replace", route_replace },
	{ "del", route_del },
	{ "show", route_show },
	{ NULL, NULL },
};
