// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvctl acl add|del|show: the ACLs of VNIs, the operator's stateless
 * guard rails before the security groups.
 */
#include <inttypes.h>
#include <stdio.h>
#include <linux/if_ether.h>

#include "nvctl.h"

/* "allow", "deny", or "action_N" for one nvctl does not know */
#define ACTION_STRLEN	sizeof("action_255")
static const char *action_str(uint8_t action, char buf[ACTION_STRLEN])
{
	if (action == NVO_ACL_ALLOW)
		return "allow";
	if (action == NVO_ACL_DENY)
		return "deny";
	snprintf(buf, ACTION_STRLEN, "action_%u", action);
	return buf;
}

/*
 * What the kernel would refuse for certain, said in the words of the
 * command line, as for rules: ports need their protocol; src and dst must
 * be of one family, the one given if any. Without ipv4 or ipv6 the entry
 * is for both families, unless src or dst says which.
 */
static int acl_check(struct nvo_acl *acl, const struct arg *args,
		     const struct prefix *src, const struct prefix *dst,
		     bool v6)
{
	bool has_v = arg_seen(args, "ipv4") || arg_seen(args, "ipv6");
	bool has_src = arg_seen(args, "src"), has_dst = arg_seen(args, "dst");
	char a[PREFIX_STRLEN], b[PREFIX_STRLEN];
	int err = 0;

	if (!arg_seen(args, "allow") && !arg_seen(args, "deny"))
		return usage_error("\"allow\" or \"deny\" is missing");
	err = check_port_proto(args, acl->proto);
	if (!err && has_v && has_src)
		err = check_prefix_family("src", src, v6, "the entry");
	if (!err && has_v && has_dst)
		err = check_prefix_family("dst", dst, v6, "the entry");
	if (err)
		return err;
	if (has_src && has_dst && src->addr.family != dst->addr.family)
		return usage_error("\"dst %s\" is %s but \"src %s\" is %s",
				   prefix_str(&dst->addr, dst->len, a),
				   dst->addr.family == AF_INET6 ? "IPv6" : "IPv4",
				   prefix_str(&src->addr, src->len, b),
				   src->addr.family == AF_INET6 ? "IPv6" : "IPv4");
	if (!has_v && (has_src || has_dst))
		v6 = (has_src ? src : dst)->addr.family == AF_INET6;
	if (has_v || has_src || has_dst)
		acl->ethertype = v6 ? ETH_P_IPV6 : ETH_P_IP;
	return 0;
}

/*
 * "[dev] DEV vni N prio P allow|deny [ingress|egress] [ipv4|ipv6]
 * [proto P] [port P[-Q]] [src PREFIX] [dst PREFIX]"
 */
static int acl_add(struct nvctl *c, int argc, char **argv)
{
	struct nvo_acl acl = { 0 };
	struct prefix src = { .len = 0 }, dst = { .len = 0 };
	uint16_t ports[2] = { 0, 0 };
	bool deny = false, ingress = false, v6 = false;
	struct arg args[] = {
		{ .kw = "vni", .type = ARG_VNI, .dst = &acl.vni,
		  .required = true },
		{ .kw = "prio", .type = ARG_U32, .dst = &acl.prio,
		  .required = true },
		{ .kw = "allow", .type = ARG_FLAG, .dst = &deny, .flag = false,
		  .group = 1 },
		{ .kw = "deny", .type = ARG_FLAG, .dst = &deny, .flag = true,
		  .group = 1 },
		{ .kw = "ingress", .type = ARG_FLAG, .dst = &ingress,
		  .flag = true, .group = 2 },
		{ .kw = "egress", .type = ARG_FLAG, .dst = &ingress,
		  .flag = false, .group = 2 },
		{ .kw = "ipv4", .type = ARG_FLAG, .dst = &v6, .flag = false,
		  .group = 3 },
		{ .kw = "ipv6", .type = ARG_FLAG, .dst = &v6, .flag = true,
		  .group = 3 },
		{ .kw = "proto", .type = ARG_PROTO, .dst = &acl.proto },
		{ .kw = "port", .type = ARG_PORTS, .dst = ports },
		{ .kw = "src", .type = ARG_PREFIX, .dst = &src },
		{ .kw = "dst", .type = ARG_PREFIX, .dst = &dst },
		{ NULL },
	};
	/* The field of each argument above, if it has one. */
	static const uint32_t fields[] = {
		0, 0, 0, 0, 0, 0, 0, 0, NVO_ACL_HAS_PROTO, NVO_ACL_HAS_PORTS,
		NVO_ACL_HAS_SRC, NVO_ACL_HAS_DST,
	};
	const char *dev;
	unsigned int i;
	int err;

	_Static_assert(sizeof(fields) / sizeof(fields[0]) ==
		       sizeof(args) / sizeof(args[0]) - 1,
		       "one field per argument");
	err = parse_cmd(argc, argv, args, &dev);
	if (!err)
		err = acl_check(&acl, args, &src, &dst, v6);
	if (err)
		return err;
	for (i = 0; args[i].kw; i++)
		if (args[i].seen)
			acl.set |= fields[i];
	acl.action = deny ? NVO_ACL_DENY : NVO_ACL_ALLOW;
	if (arg_seen(args, "ingress") || arg_seen(args, "egress"))
		acl.dir = ingress ? NVO_RULE_INGRESS : NVO_RULE_EGRESS;
	acl.port_min = ports[0];
	acl.port_max = ports[1];
	acl.src = src.addr;
	acl.src_prefix = src.len;
	acl.dst = dst.addr;
	acl.dst_prefix = dst.len;
	return nvctl_status(c, nvo_acl_add(nvctl_nvo(c), dev, &acl));
}

/* "[dev] DEV vni N prio P" */
static int acl_del(struct nvctl *c, int argc, char **argv)
{
	uint32_t vni = 0, prio = 0;
	struct arg args[] = {
		{ .kw = "vni", .type = ARG_VNI, .dst = &vni, .required = true },
		{ .kw = "prio", .type = ARG_U32, .dst = &prio,
		  .required = true },
		{ NULL },
	};
	const char *dev;
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	return nvctl_status(c, nvo_acl_del(nvctl_nvo(c), dev, vni, prio));
}

/*
 * In the words of "acl add": what was given, both directions and
 * families and proto "any" left out, as the defaults; then the hits.
 */
static void acl_text(const struct nvo_acl_info *info)
{
	const struct nvo_acl *acl = &info->acl;
	char buf[PREFIX_STRLEN];

	_Static_assert(PREFIX_STRLEN >= ETHERTYPE_STRLEN &&
		       PREFIX_STRLEN >= DIR_STRLEN &&
		       PREFIX_STRLEN >= ACTION_STRLEN, "buf fits them all");
	printf("vni %u prio %u %s", acl->vni, acl->prio,
	       action_str(acl->action, buf));
	if (acl->dir)
		printf(" %s", dir_str(acl->dir, buf));
	if (acl->ethertype)
		printf(" %s", ethertype_str(acl->ethertype, buf));
	print_proto_ports(acl->set & NVO_ACL_HAS_PROTO ? acl->proto : 0,
			  acl->set & NVO_ACL_HAS_PORTS, acl->port_min,
			  acl->port_max);
	if (acl->set & NVO_ACL_HAS_SRC)
		printf(" src %s", prefix_str(&acl->src, acl->src_prefix, buf));
	if (acl->set & NVO_ACL_HAS_DST)
		printf(" dst %s", prefix_str(&acl->dst, acl->dst_prefix, buf));
	printf(" hits %" PRIu64 "\n", info->hits);
}

/*
 * Only what the entry has: dir, ethertype and proto are left out for
 * both, any and any. A value nvctl has no name for is a number.
 */
static void acl_json(struct json *j, const struct nvo_acl_info *info)
{
	const struct nvo_acl *acl = &info->acl;
	uint8_t proto = acl->set & NVO_ACL_HAS_PROTO ? acl->proto : 0;
	char buf[PREFIX_STRLEN];

	json_object_open(j, NULL);
	json_uint(j, "vni", acl->vni);
	json_uint(j, "prio", acl->prio);
	if (acl->action == NVO_ACL_ALLOW || acl->action == NVO_ACL_DENY)
		json_string(j, "action", action_str(acl->action, buf));
	else
		json_uint(j, "action", acl->action);
	if (acl->dir == NVO_RULE_INGRESS || acl->dir == NVO_RULE_EGRESS)
		json_string(j, "dir", dir_str(acl->dir, buf));
	else if (acl->dir)
		json_uint(j, "dir", acl->dir);
	if (acl->ethertype == ETH_P_IP || acl->ethertype == ETH_P_IPV6)
		json_string(j, "ethertype",
			    ethertype_str(acl->ethertype, buf));
	else if (acl->ethertype)
		json_uint(j, "ethertype", acl->ethertype);
	if (proto)
		json_proto(j, proto);
	if (acl->set & NVO_ACL_HAS_PORTS) {
		json_uint(j, "port_min", acl->port_min);
		json_uint(j, "port_max", acl->port_max);
	}
	if (acl->set & NVO_ACL_HAS_SRC)
		json_string(j, "src",
			    prefix_str(&acl->src, acl->src_prefix, buf));
	if (acl->set & NVO_ACL_HAS_DST)
		json_string(j, "dst",
			    prefix_str(&acl->dst, acl->dst_prefix, buf));
	json_uint(j, "hits", info->hits);
	json_object_close(j);
}

static void acl_item(struct json *j, const void *item,
		     const void *ctx NVCTL_UNUSED)
{
	if (j)
		acl_json(j, item);
	else
		acl_text(item);
}

/* "acl show [dev] DEV [vni N]" */
static int acl_show(struct nvctl *c, int argc, char **argv)
{
	return show_table(c, argc, argv, sizeof(struct nvo_acl_info),
			  load_acls, acl_item);
}

const struct cmd acl_cmds[] = {
	{ "add", acl_add },
	{ "del", acl_del },
	{ "show", acl_show },
	{ NULL, NULL },
};
