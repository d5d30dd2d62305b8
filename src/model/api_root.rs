//! Where a site's REST API lives and how to build route URLs from it.

use url::Url;

/// Host of the WordPress.com public API; tests point it at a local server.
pub fn wpcom_api_base() -> String {
    std::env::var("WPCOMMENTS_WPCOM_API")
        .unwrap_or_else(|_| "https://public-api.wordpress.com/".to_owned())
}

/// The REST API root of one site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiRoot {
    /// `https://site/wp-json/`: routes are path segments below it.
    Path(Url),
    /// `https://site/?rest_route=/`: routes go in the `rest_route` query parameter
    /// (works with plain permalinks and on every site).
    Query(Url),
    /// WordPress.com: `https://public-api.wordpress.com/wp/v2/sites/{site}/`.
    WpCom {
        /// The API host base (ends with `/`).
        base: Url,
        /// Site domain or id.
        site: String,
    },
}

impl ApiRoot {
    /// Classify an advertised API root URL.
    pub fn from_advertised(url: Url) -> ApiRoot {
        if url.query_pairs().any(|(k, _)| k == "rest_route") {
            // Keep the other parameters (e.g. `lang=en` on multilingual sites).
            let others: Vec<(String, String)> = url
                .query_pairs()
                .filter(|(k, _)| k != "rest_route")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let mut base = url;
            base.set_query(None);
            if !others.is_empty() {
                base.query_pairs_mut().extend_pairs(others);
            }
            ApiRoot::Query(base)
        } else {
            let mut u = url;
            if !u.path().ends_with('/') {
                let p = format!("{}/", u.path());
                u.set_path(&p);
            }
            ApiRoot::Path(u)
        }
    }

    /// URL of `route` (like `wp/v2/comments`, or `` for the index) with query parameters.
    pub fn url(&self, route: &str, query: &[(&str, &str)]) -> Url {
        let mut url = match self {
            ApiRoot::Path(base) => base.join(route).unwrap_or_else(|_| base.clone()),
            ApiRoot::Query(base) => {
                let mut u = base.clone();
                u.query_pairs_mut()
                    .append_pair("rest_route", &format!("/{route}"));
                u
            }
            ApiRoot::WpCom { base, site } => {
                let rest = route.strip_prefix("wp/v2/").unwrap_or(route);
                let path = format!("wp/v2/sites/{site}/{rest}");
                base.join(&path).unwrap_or_else(|_| base.clone())
            }
        };
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        url
    }

    /// The site this API serves, from the API root itself (never from a link the server sent
    /// in a post): what identities and drafts are matched against.
    pub fn site_url(&self) -> Option<Url> {
        match self {
            ApiRoot::Path(base) | ApiRoot::Query(base) => base.join("/").ok(),
            ApiRoot::WpCom { site, .. } => Url::parse(&format!("https://{site}/")).ok(),
        }
    }

    /// The root itself, for display and archives.
    pub fn display(&self) -> String {
        self.url("", &[]).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_root_joins_routes() {
        let r = ApiRoot::from_advertised(Url::parse("https://b.example/blog/wp-json").unwrap());
        assert_eq!(
            r.url("wp/v2/comments", &[("post", "5")]).as_str(),
            "https://b.example/blog/wp-json/wp/v2/comments?post=5"
        );
    }

    #[test]
    fn query_root_puts_route_in_rest_route() {
        let r = ApiRoot::from_advertised(Url::parse("https://b.example/?rest_route=/").unwrap());
        assert_eq!(
            r.url("wp/v2/posts/5", &[("_fields", "id")]).as_str(),
            "https://b.example/?rest_route=%2Fwp%2Fv2%2Fposts%2F5&_fields=id"
        );
    }

    #[test]
    fn the_site_of_an_api_is_its_own_origin() {
        let r =
            ApiRoot::from_advertised(Url::parse("https://b.example:8443/blog/wp-json/").unwrap());
        assert_eq!(r.site_url().unwrap().as_str(), "https://b.example:8443/");
        let c = ApiRoot::WpCom {
            base: Url::parse("https://public-api.wordpress.com/").unwrap(),
            site: "x.wordpress.com".into(),
        };
        assert_eq!(c.site_url().unwrap().as_str(), "https://x.wordpress.com/");
    }

    #[test]
    fn query_root_keeps_other_parameters() {
        let r = ApiRoot::from_advertised(
            Url::parse("https://b.example/?lang=en&rest_route=/").unwrap(),
        );
        assert_eq!(
            r.url("wp/v2/posts", &[]).as_str(),
            "https://b.example/?lang=en&rest_route=%2Fwp%2Fv2%2Fposts"
        );
    }

    #[test]
    fn wordpress_com_routes_go_through_the_public_api() {
        let r = ApiRoot::WpCom {
            base: Url::parse("https://public-api.wordpress.com/").unwrap(),
            site: "x.wordpress.com".into(),
        };
        assert_eq!(
            r.url("wp/v2/comments", &[]).as_str(),
            "https://public-api.wordpress.com/wp/v2/sites/x.wordpress.com/comments"
        );
    }
}
