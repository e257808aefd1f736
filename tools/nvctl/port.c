// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvctl port add|set|del|show: local devices attached to a VNI, with
 * their security groups and DHCP binding.
 */
#include <stdio.h>
#include <string.h>

#include "nvctl.h"

/* Security groups and port security of a port, as its args gave them. */
static int port_cfg(struct nvctl *c, const char *dev, const struct arg *args,
		    const struct sg_list *l, uint16_t ids[NVO_PORT_SG_MAX],
		    struct nvo_port_cfg *cfg)
{
	struct sg_table t = SG_TABLE_INIT(dev);
	int err = 0;

	if (arg_seen(args, "port-security"))
		cfg->set |= NVO_PORT_SECURITY;
	if (arg_seen(args, "sg")) {
		err = sg_ids(c, &t, l, ids);
		cfg->set |= NVO_PORT_SGS;
		cfg->sg = ids;
		cfg->sg_count = l->count;
	}
	vec_free(&t.v);
	return err;
}

/* The keywords of "dhcp" but "route", in the order of dhcp_fields[]. */
#define DHCP_KWS	7

/*
 * "dhcp off", or "dhcp addr ADDR[/LEN] [gw ADDR] [dns ADDR[,ADDR...]]
 * [domain NAME] [mtu N] [lease SECONDS] [route DST[/LEN],GW]...": the
 * section of "port set" that gives a port's DHCP binding, and the binding
 * it makes.
 */
struct dhcp_args {
	bool off;
	struct prefix addr;
	struct ip4_list dns;
	const char *domain;
	struct nvo_dhcp dhcp;
	struct arg args[DHCP_KWS + NVO_DHCP_ROUTES_MAX + 1];
};

/* The bit of each keyword of dhcp_args_init(); "off" and "addr" have none. */
static const uint32_t dhcp_fields[DHCP_KWS] = {
	0, 0, NVO_DHCP_HAS_GW, NVO_DHCP_HAS_DNS, NVO_DHCP_HAS_DOMAIN,
	NVO_DHCP_HAS_MTU, NVO_DHCP_HAS_LEASE,
};

static void dhcp_args_init(struct dhcp_args *d)
{
	const struct arg kws[DHCP_KWS] = {
		{ .kw = "off", .type = ARG_FLAG, .dst = &d->off, .flag = true },
		{ .kw = "addr", .type = ARG_PREFIX4, .dst = &d->addr },
		{ .kw = "gw", .type = ARG_IP4, .dst = &d->dhcp.gw },
		{ .kw = "dns", .type = ARG_IP4_LIST, .dst = &d->dns },
		{ .kw = "domain", .type = ARG_DOMAIN, .dst = &d->domain },
		{ .kw = "mtu", .type = ARG_U16, .dst = &d->dhcp.mtu },
		{ .kw = "lease", .type = ARG_SECONDS, .dst = &d->dhcp.lease },
	};
	unsigned int i;

	memset(d, 0, sizeof(*d));
	memcpy(d->args, kws, sizeof(kws));
	/* "route" as many times as a binding may have routes */
	for (i = 0; i < NVO_DHCP_ROUTES_MAX; i++)
		d->args[DHCP_KWS + i] = (struct arg){
			.kw = "route", .type = ARG_DHCP_ROUTE,
			.dst = &d->dhcp.routes[i],
		};
}

/*
 * The binding the words after "dhcp" gave into cfg: none for "off", else
 * the address (its length only if given: the kernel's default is /24)
 * and the options given; the kernel judges their values.
 */
static int dhcp_args_cfg(struct dhcp_args *d, struct nvo_port_cfg *cfg)
{
	struct nvo_dhcp *b = &d->dhcp;
	unsigned int i;

	cfg->set |= NVO_PORT_DHCP;
	if (d->off) {
		for (i = 1; d->args[i].kw; i++)
			if (d->args[i].seen)
				return usage_error("\"dhcp off\" takes no \"%s\"",
						   d->args[i].kw);
		cfg->dhcp = NULL;
		return 0;
	}
	if (!d->args[1].seen)
		return usage_error("\"dhcp\" needs \"addr\", or \"off\"");
	b->addr = d->addr.addr.v4;
	b->prefix = d->addr.len;
	if (d->addr.has_len)
		b->set |= NVO_DHCP_HAS_PREFIX;
	for (i = 0; i < DHCP_KWS; i++)
		if (d->args[i].seen)
			b->set |= dhcp_fields[i];
	b->dns_count = d->dns.count;
	memcpy(b->dns, d->dns.addr, sizeof(d->dns.addr));
	if (d->domain)
		strcpy(b->domain, d->domain);	/* parse_domain() checked it */
	for (; d->args[i].kw && d->args[i].seen; i++)
		b->route_count++;
	if (b->route_count)
		b->set |= NVO_DHCP_HAS_ROUTES;
	cfg->dhcp = b;
	return 0;
}

static int port_add(struct nvctl *c, int argc, char **argv)
{
	const char *dev, *port = NULL;
	struct nvo_port_cfg cfg = { 0 };
	uint16_t ids[NVO_PORT_SG_MAX];
	struct dhcp_args dhcp;
	struct sg_list sgs;
	uint32_t vni = 0;
	struct arg args[] = {
		{ .kw = "dev", .type = ARG_IFNAME, .dst = &port,
		  .required = true },
		{ .kw = "vni", .type = ARG_VNI, .dst = &vni, .required = true },
		{ .kw = "id", .type = ARG_U32, .dst = &cfg.id },
		{ .kw = "sg", .type = ARG_SG_LIST, .dst = &sgs },
		{ .kw = "port-security", .type = ARG_ON_OFF,
		  .dst = &cfg.security },
		{ .kw = "dhcp", .type = ARG_SECTION, .dst = dhcp.args },
		{ NULL },
	};
	int err;

	dhcp_args_init(&dhcp);
	err = parse_cmd(argc, argv, args, &dev);
	if (!err && arg_seen(args, "dhcp"))
		err = dhcp_args_cfg(&dhcp, &cfg);
	if (err)
		return err;
	if (arg_seen(args, "id"))
		cfg.set |= NVO_PORT_ID;
	err = port_cfg(c, dev, args, &sgs, ids, &cfg);
	if (err)
		return err;
	return nvctl_status(c, nvo_port_add_cfg(nvctl_nvo(c), dev, port, vni,
						&cfg));
}

/*
 * "port set [[dev] DEV] dev IFNAME [sg GROUP[,GROUP...]|none]
 * [port-security on|off] [dhcp DHCP|off]": without DEV, the nvo device
 * IFNAME is a port of. The keywords of DHCP follow "dhcp" up to the first
 * word that is none of them, and may be followed by those of "port set".
 */
static int port_set(struct nvctl *c, int argc, char **argv)
{
	const char *dev, *port = NULL;
	struct nvo_port_cfg cfg = { 0 };
	uint16_t ids[NVO_PORT_SG_MAX];
	char master[IF_NAMESIZE];
	struct dhcp_args dhcp;
	struct sg_list sgs;
	struct arg args[] = {
		{ .kw = "dev", .type = ARG_IFNAME, .dst = &port,
		  .required = true },
		{ .kw = "sg", .type = ARG_SG_LIST, .dst = &sgs },
		{ .kw = "port-security", .type = ARG_ON_OFF,
		  .dst = &cfg.security },
		{ .kw = "dhcp", .type = ARG_SECTION, .dst = dhcp.args },
		{ NULL },
	};
	int err;

	dhcp_args_init(&dhcp);
	err = parse_cmd_opt_dev(argc, argv, args, &dev);
	if (!err && arg_seen(args, "dhcp"))
		err = dhcp_args_cfg(&dhcp, &cfg);
	if (err)
		return err;
	if (!arg_seen(args, "sg") && !arg_seen(args, "port-security") &&
	    !arg_seen(args, "dhcp"))
		return usage_error("nothing to change for port \"%s\"", port);
	if (!dev) {
		err = nvo_port_master(nvctl_nvo(c), port, master);
		if (err)
			return nvctl_status(c, err);
		dev = master;
	}
	err = port_cfg(c, dev, args, &sgs, ids, &cfg);
	if (err)
		return err;
	return nvctl_status(c, nvo_port_set(nvctl_nvo(c), dev, port, &cfg));
}

static int port_del(struct nvctl *c, int argc, char **argv)
{
	const char *dev, *port = NULL;
	struct arg args[] = {
		{ .kw = "dev", .type = ARG_IFNAME, .dst = &port,
		  .required = true },
		{ NULL },
	};
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	return nvctl_status(c, nvo_port_del(nvctl_nvo(c), dev, port));
}

/* Whether group names are needed to print ports. */
bool ports_have_sgs(const struct vec *ports)
{
	const struct nvo_port_info *p = ports->items;
	size_t i;

	for (i = 0; i < ports->len; i++)
		if (p[i].sg_count)
			return true;
	return false;
}

/* " sg web,app" if it has groups, " port-security off" if it is off. */
void port_print_sgs(const struct nvo_port_info *p, const struct sg_table *t)
{
	unsigned int i;

	for (i = 0; i < p->sg_count; i++) {
		fputs(i ? "," : " sg ", stdout);
		sg_print(t, p->sg[i], false);
	}
	if (!p->security)
		fputs(" port-security off", stdout);
}

/* An IPv4 prefix of a binding: "ADDR/LEN" */
static const char *dhcp_prefix_str(uint32_t addr, unsigned int len,
				   char buf[PREFIX_STRLEN])
{
	const struct nvo_addr a = { .family = AF_INET, .v4.s_addr = addr };

	return prefix_str(&a, len, buf);
}

/* The binding's address, with its length if the kernel said it. */
static const char *dhcp_addr_str(const struct nvo_dhcp *d,
				 char buf[PREFIX_STRLEN])
{
	if (d->set & NVO_DHCP_HAS_PREFIX)
		return dhcp_prefix_str(d->addr.s_addr, d->prefix, buf);
	return ip4_str(d->addr, buf);
}

/*
 * " dhcp 10.0.0.5/24 gw 10.0.0.1 dns 10.0.0.2,10.0.0.3 domain NAME mtu 1450
 * lease 86400 route 10.9.0.0/16,10.0.0.254": the binding as the kernel
 * reports it (the defaults included), in the words of "port set", the
 * address without its keyword "addr".
 */
void port_print_dhcp(const struct nvo_port_info *p)
{
	const struct nvo_dhcp *d = &p->dhcp;
	char addr[PREFIX_STRLEN], gw[INET_ADDRSTRLEN];
	char domain[DOMAIN_STRLEN];
	unsigned int i;

	if (!p->has_dhcp)
		return;
	printf(" dhcp %s", dhcp_addr_str(d, addr));
	if (d->set & NVO_DHCP_HAS_GW)
		printf(" gw %s", ip4_str(d->gw, gw));
	for (i = 0; d->set & NVO_DHCP_HAS_DNS && i < d->dns_count; i++)
		printf("%s%s", i ? "," : " dns ", ip4_str(d->dns[i], addr));
	if (d->set & NVO_DHCP_HAS_DOMAIN)
		printf(" domain %s", domain_str(d->domain, domain));
	if (d->set & NVO_DHCP_HAS_MTU)
		printf(" mtu %u", d->mtu);
	if (d->set & NVO_DHCP_HAS_LEASE)
		printf(" lease %u", d->lease);
	for (i = 0; d->set & NVO_DHCP_HAS_ROUTES && i < d->route_count; i++) {
		const struct nvo_dhcp_route *r = &d->routes[i];

		printf(" route %s,%s", dhcp_prefix_str(r->dst, r->prefix, addr),
		       ip4_str((struct in_addr){ r->gw }, gw));
	}
}

/* "dhcp": the members the binding has, only if the port has one. */
void port_json_dhcp(struct json *j, const struct nvo_port_info *p)
{
	const struct nvo_dhcp *d = &p->dhcp;
	char addr[PREFIX_STRLEN];
	unsigned int i;

	if (!p->has_dhcp)
		return;
	json_object_open(j, "dhcp");
	json_string(j, "addr", dhcp_addr_str(d, addr));
	if (d->set & NVO_DHCP_HAS_GW)
		json_string(j, "gw", ip4_str(d->gw, addr));
	if (d->set & NVO_DHCP_HAS_DNS) {
		json_array_open(j, "dns");
		for (i = 0; i < d->dns_count; i++)
			json_string(j, NULL, ip4_str(d->dns[i], addr));
		json_array_close(j);
	}
	if (d->set & NVO_DHCP_HAS_DOMAIN)
		json_string(j, "domain", d->domain);
	if (d->set & NVO_DHCP_HAS_MTU)
		json_uint(j, "mtu", d->mtu);
	if (d->set & NVO_DHCP_HAS_LEASE)
		json_uint(j, "lease", d->lease);
	if (d->set & NVO_DHCP_HAS_ROUTES) {
		json_array_open(j, "routes");
		for (i = 0; i < d->route_count; i++) {
			const struct nvo_dhcp_route *r = &d->routes[i];

			json_object_open(j, NULL);
			json_string(j, "dst", dhcp_prefix_str(r->dst, r->prefix,
							      addr));
			json_string(j, "gw", ip4_str((struct in_addr){ r->gw },
						     addr));
			json_object_close(j);
		}
		json_array_close(j);
	}
	json_object_close(j);
}

/* Groups by name, or by id when they have none. */
void port_json_sgs(struct json *j, const struct nvo_port_info *p,
		   const struct sg_table *t)
{
	unsigned int i;

	json_array_open(j, "sg");
	for (i = 0; i < p->sg_count; i++)
		sg_json(j, NULL, t, p->sg[i]);
	json_array_close(j);
	json_bool(j, "port_security", p->security);
}

/* The id only when there is one, as "port add" takes it. ctx: groups */
static void port_item(struct json *j, const void *item, const void *ctx)
{
	const struct nvo_port_info *p = item;
	char name[IFNAME_STRLEN];

	if (!j) {
		printf("dev %s vni %u", ifname_str(p->port_ifname, name),
		       p->vni);
		if (p->id)
			printf(" id %u", p->id);
		port_print_sgs(p, ctx);
		port_print_dhcp(p);
		putchar('\n');
		return;
	}
	json_object_open(j, NULL);
	json_string(j, "ifname", p->port_ifname);
	json_uint(j, "vni", p->vni);
	json_uint(j, "id", p->id);
	port_json_sgs(j, p, ctx);
	port_json_dhcp(j, p);
	json_object_close(j);
}

/*
 * "port show [dev] DEV [vni N]", with the groups if a port has any and the
 * DHCP binding if it has one.
 */
static int port_show(struct nvctl *c, int argc, char **argv)
{
	struct vec ports = VEC_INIT(struct nvo_port_info);
	struct sg_table t;
	const char *dev;
	int64_t vni;
	int err;

	err = parse_show(argc, argv, &dev, &vni);
	if (err)
		return err;
	t = (struct sg_table)SG_TABLE_INIT(dev);
	err = load_ports(c, dev, vni, &ports);
	if (!err && ports_have_sgs(&ports))
		err = sg_table_load(c, &t);
	if (!err)
		print_table(c, &ports, port_item, &t);
	vec_free(&ports);
	vec_free(&t.v);
	return err;
}

const struct cmd port_cmds[] = {
	{ "add", port_add },
	{ "set", port_set },
	{ "del", port_del },
	{ "show", port_show },
	{ NULL, NULL },
};
