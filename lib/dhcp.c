// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * DHCP bindings of ports (NVO_A_DHCP): the address and options nvo's
 * DHCPv4 server gives a port's VM.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

_Static_assert(NVO_DHCP_DNS_MAX <= LIBNVO_DHCP_DNS &&
	       NVO_DHCP_ROUTES_MAX <= LIBNVO_DHCP_ROUTES &&
	       NVO_DHCP_DOMAIN_LEN <= LIBNVO_DHCP_DOMAIN_LEN,
	       "struct nvo_dhcp must hold every binding a port may have");

#define DHCP_FIELDS	(NVO_DHCP_HAS_PREFIX | NVO_DHCP_HAS_GW | \
			 NVO_DHCP_HAS_DNS | NVO_DHCP_HAS_DOMAIN | \
			 NVO_DHCP_HAS_MTU | NVO_DHCP_HAS_LEASE | \
			 NVO_DHCP_HAS_ROUTES)

/*
 * Names as "port set ... dhcp addr A/LEN gw G dns D,... domain NAME mtu N
 * lease S route DST/LEN,GW" has them: the address and its length are both
 * "addr", as a router interface's are. The lengths of the lists are
 * checked by nvo__dhcp_parse(); a newer kernel's longer domain fits.
 */
static const struct nvo_attr_desc dhcp_attrs[NVO_DHCP_MAX + 1] = {
	[NVO_DHCP_ADDR]		= { "addr", MNL_TYPE_U32 },
	[NVO_DHCP_PREFIX]	= { "addr", MNL_TYPE_U8 },
	[NVO_DHCP_GW]		= { "gw", MNL_TYPE_U32 },
	[NVO_DHCP_DNS]		= { "dns", MNL_TYPE_BINARY },
	[NVO_DHCP_DOMAIN]	= { "domain", MNL_TYPE_NUL_STRING,
				    LIBNVO_DHCP_DOMAIN_LEN },
	[NVO_DHCP_MTU]		= { "mtu", MNL_TYPE_U16 },
	[NVO_DHCP_LEASE]	= { "lease", MNL_TYPE_U32 },
	[NVO_DHCP_ROUTES]	= { "route", MNL_TYPE_BINARY },
};

/* The space of NVO_A_DHCP, for errors inside the nest and for replies. */
const struct nvo_attr_space nvo__dhcp_space = {
	.max = NVO_DHCP_MAX, .attrs = dhcp_attrs,
};

static int put_dns(struct nvo *h, struct nlmsghdr *nlh,
		   const struct nvo_dhcp *d)
{
	if (d->dns_count > NVO_DHCP_DNS_MAX)
		return nvo__errf(h, -EINVAL,
				 "%u DNS servers, a DHCP binding has at most %d",
				 d->dns_count, NVO_DHCP_DNS_MAX);
	/* None is the kernel's to refuse, in its words. */
	mnl_attr_put(nlh, NVO_DHCP_DNS, d->dns_count * sizeof(d->dns[0]),
		     d->dns_count ? (const void *)d->dns : "");
	return 0;
}

/* Like names of interfaces, checked so that no request can outgrow h->tx. */
static int put_domain(struct nvo *h, struct nlmsghdr *nlh,
		      const struct nvo_dhcp *d)
{
	if (strnlen(d->domain, NVO_DHCP_DOMAIN_LEN) == NVO_DHCP_DOMAIN_LEN)
		return nvo__errf(h, -EINVAL,
				 "invalid DHCP domain \"%.*s...\": longer than %d bytes",
				 NVO_DHCP_DOMAIN_LEN - 1, d->domain,
				 NVO_DHCP_DOMAIN_LEN - 1);
	mnl_attr_put_strz(nlh, NVO_DHCP_DOMAIN, d->domain);
	return 0;
}

/* The routes as the kernel takes them: padding zero whatever the caller's. */
static int put_routes(struct nvo *h, struct nlmsghdr *nlh,
		      const struct nvo_dhcp *d)
{
	struct nvo_dhcp_route rt[NVO_DHCP_ROUTES_MAX];
	unsigned int i;

	if (d->route_count > NVO_DHCP_ROUTES_MAX)
		return nvo__errf(h, -EINVAL,
				 "%u DHCP routes, a binding has at most %d",
				 d->route_count, NVO_DHCP_ROUTES_MAX);
	for (i = 0; i < d->route_count; i++)
		rt[i] = (struct nvo_dhcp_route){
			.dst = d->routes[i].dst, .gw = d->routes[i].gw,
			.prefix = d->routes[i].prefix,
		};
	mnl_attr_put(nlh, NVO_DHCP_ROUTES, i * sizeof(rt[0]),
		     i ? (const void *)rt : "");
	return 0;
}

/*
 * NVO_A_DHCP: the binding, of which only the fields whose bit is set are
 * read, as for struct nvo_link_cfg; NULL: an empty nest, no binding.
 */
int nvo__dhcp_put(struct nvo *h, struct nlmsghdr *nlh,
		  const struct nvo_dhcp *d)
{
	struct nlattr *nest;
	int err = 0;

	if (d && d->set & ~DHCP_FIELDS)
		return nvo__errf(h, -EOPNOTSUPP,
				 "DHCP binding setting 0x%x is unknown to libnvo %s",
				 d->set & ~DHCP_FIELDS, nvo_version());
	nest = mnl_attr_nest_start(nlh, NVO_A_DHCP);
	if (!d) {
		mnl_attr_nest_end(nlh, nest);
		return 0;
	}
	mnl_attr_put(nlh, NVO_DHCP_ADDR, sizeof(d->addr), &d->addr);
	if (d->set & NVO_DHCP_HAS_PREFIX)
		mnl_attr_put_u8(nlh, NVO_DHCP_PREFIX, d->prefix);
	if (d->set & NVO_DHCP_HAS_GW)
		mnl_attr_put(nlh, NVO_DHCP_GW, sizeof(d->gw), &d->gw);
	if (d->set & NVO_DHCP_HAS_DNS)
		err = put_dns(h, nlh, d);
	if (!err && d->set & NVO_DHCP_HAS_DOMAIN)
		err = put_domain(h, nlh, d);
	if (err)
		return err;
	if (d->set & NVO_DHCP_HAS_MTU)
		mnl_attr_put_u16(nlh, NVO_DHCP_MTU, d->mtu);
	if (d->set & NVO_DHCP_HAS_LEASE)
		mnl_attr_put_u32(nlh, NVO_DHCP_LEASE, d->lease);
	if (d->set & NVO_DHCP_HAS_ROUTES)
		err = put_routes(h, nlh, d);
	if (err)
		return err;
	mnl_attr_nest_end(nlh, nest);
	return 0;
}

/*
 * The binding of a reply's NVO_A_DHCP into d, with the bit of every field
 * the kernel sent; -EPROTO when it is malformed, has no address, or holds
 * more than struct nvo_dhcp has room for.
 */
int nvo__dhcp_parse(const struct nlattr *nest, struct nvo_dhcp *d)
{
	const struct nlattr *tb[NVO_DHCP_MAX + 1] = { NULL };
	const struct nlattr *a;
	size_t len;

	memset(d, 0, sizeof(*d));
	if (nvo__attr_parse_nested(&nvo__dhcp_space, nest, tb) < 0 ||
	    !tb[NVO_DHCP_ADDR])
		return -EPROTO;
	memcpy(&d->addr, mnl_attr_get_payload(tb[NVO_DHCP_ADDR]),
	       sizeof(d->addr));
	if (tb[NVO_DHCP_PREFIX]) {
		d->set |= NVO_DHCP_HAS_PREFIX;
		d->prefix = nvo_u8(tb[NVO_DHCP_PREFIX]);
	}
	if (tb[NVO_DHCP_GW]) {
		d->set |= NVO_DHCP_HAS_GW;
		memcpy(&d->gw, mnl_attr_get_payload(tb[NVO_DHCP_GW]),
		       sizeof(d->gw));
	}
	a = tb[NVO_DHCP_DNS];
	if (a) {
		len = mnl_attr_get_payload_len(a);
		if (len % sizeof(d->dns[0]) || len > sizeof(d->dns))
			return -EPROTO;
		d->set |= NVO_DHCP_HAS_DNS;
		d->dns_count = len / sizeof(d->dns[0]);
		memcpy(d->dns, mnl_attr_get_payload(a), len);
	}
	if (tb[NVO_DHCP_DOMAIN]) {
		d->set |= NVO_DHCP_HAS_DOMAIN;
		/* The attribute space bounds it by the size of domain. */
		strcpy(d->domain, mnl_attr_get_str(tb[NVO_DHCP_DOMAIN]));
	}
	if (tb[NVO_DHCP_MTU]) {
		d->set |= NVO_DHCP_HAS_MTU;
		d->mtu = nvo_u16(tb[NVO_DHCP_MTU]);
	}
	if (tb[NVO_DHCP_LEASE]) {
		d->set |= NVO_DHCP_HAS_LEASE;
		d->lease = nvo_u32(tb[NVO_DHCP_LEASE]);
	}
	a = tb[NVO_DHCP_ROUTES];
	if (a) {
		len = mnl_attr_get_payload_len(a);
		if (len % sizeof(d->routes[0]) || len > sizeof(d->routes))
			return -EPROTO;
		d->set |= NVO_DHCP_HAS_ROUTES;
		d->route_count = len / sizeof(d->routes[0]);
		memcpy(d->routes, mnl_attr_get_payload(a), len);
	}
	return 0;
}
