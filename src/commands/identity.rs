//! `wpcomments identity add | list | test | remove`.

use std::path::Path;

use url::Url;
use wpcomments::api::ClientConfig;
use wpcomments::api::auth;
use wpcomments::api::http::credentials::{Auth, Secret, check_transport, is_loopback};
use wpcomments::error::{Error, Result};
use wpcomments::identity::loopback::Loopback;
use wpcomments::identity::{Identities, Identity, Kind, appauth, normalize_site, oauth, secrets};

use super::login::{self, Came};
use super::prompt::{ask, ask_secret};
use super::{check_account, client, describe_me, discover_site, runtime};
use crate::cli::{AddArgs, IdentityCommand};

/// Run one `identity` subcommand.
pub fn run(cmd: IdentityCommand, config: &ClientConfig, config_path: Option<&Path>) -> Result<()> {
    match cmd {
        IdentityCommand::Add(args) => add(args, config, config_path),
        IdentityCommand::List => list(),
        IdentityCommand::Test { name } => test(&name, config),
        IdentityCommand::Remove { name } => remove(&name),
    }
}

fn list() -> Result<()> {
    let all = Identities::load()?;
    if all.list.is_empty() {
        println!(
            "no identities yet; add one with: wpcomments identity add NAME --site URL --app-password"
        );
    }
    for identity in &all.list {
        println!("{}", identity.describe());
    }
    Ok(())
}

fn remove(name: &str) -> Result<()> {
    let mut all = Identities::load()?;
    if !all.remove(name) {
        all.get(name)?;
    }
    secrets::delete(name)?;
    all.save()?;
    println!("removed identity {name} and its stored secret");
    Ok(())
}

fn test(name: &str, config: &ClientConfig) -> Result<()> {
    let identity = Identities::load()?.get(name)?.clone();
    let rt = runtime()?;
    let me = match identity.kind {
        Kind::Guest => {
            println!(
                "{name}: guest {} <{}>; nothing to log in to (guests post with a name and email)",
                identity.author_name.as_deref().unwrap_or_default(),
                identity.author_email.as_deref().unwrap_or_default()
            );
            return Ok(());
        }
        Kind::WordpressCom => {
            let c = wpcomments::api::Client::new(identity.client_config(config.clone())?)?;
            rt.block_on(oauth::wpcom_me(&c))?
        }
        Kind::AppPassword | Kind::Jwt => {
            let site = identity.site.clone().unwrap_or_default();
            let auth = identity.auth()?.ok_or_else(|| no_secret(name))?;
            rt.block_on(check_account(config, &site, auth))?
        }
    };
    let site = identity.site.as_deref().unwrap_or("WordPress.com");
    println!("{name}: logged in to {site} as {}", describe_me(&me));
    Ok(())
}

fn no_secret(name: &str) -> Error {
    Error::Identity(format!("identity {name} has no secret"))
}

fn valid_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'));
    if ok {
        return Ok(());
    }
    Err(Error::Identity(format!(
        "identity names are letters, digits, - _ . @ (at most 64): {}",
        wpcomments::render::sanitize_line(name)
    )))
}

fn blank(args: &AddArgs, kind: Kind, site: Option<String>) -> Identity {
    Identity {
        user: args.user.clone(),
        password_command: args.password_command.clone(),
        ..Identity::new(args.name.clone(), kind, site)
    }
}

fn add(args: AddArgs, config: &ClientConfig, config_path: Option<&Path>) -> Result<()> {
    valid_name(&args.name)?;
    let (identity, secret) = if args.guest {
        (guest(&args)?, None)
    } else if args.wordpress_com {
        wordpress_com(&args, config, config_path)?
    } else {
        let site = normalize_site(args.site.as_deref().unwrap_or_default())?;
        // Refuse before asking for anything that would then travel in the clear.
        check_transport(&Url::parse(&site).map_err(|e| Error::Identity(e.to_string()))?)?;
        if args.browser {
            browser(&args, config, site)?
        } else if args.jwt {
            jwt(&args, config, site)?
        } else {
            app_password(&args, config, site)?
        }
    };
    save(identity, secret, args.default)
}

fn save(identity: Identity, secret: Option<Secret>, make_default: bool) -> Result<()> {
    let mut all = Identities::load()?;
    let place = match (&secret, &identity.password_command) {
        (Some(s), None) => Some(secrets::store(&identity.name, s)?),
        _ => None,
    };
    let line = format!("added identity {}", identity.describe());
    all.upsert(identity, make_default);
    all.save()?;
    println!("{line}");
    if let Some(place) = place {
        println!("secret stored in {place}");
    }
    Ok(())
}

fn guest(args: &AddArgs) -> Result<Identity> {
    let (Some(name), Some(email)) = (&args.author_name, &args.email) else {
        return Err(Error::Identity(
            "a guest needs --name and --email (most sites require both)".into(),
        ));
    };
    if !email.contains('@') {
        return Err(Error::Identity(format!(
            "not an email address: {}",
            wpcomments::render::sanitize_line(email)
        )));
    }
    let site = args.site.as_deref().map(normalize_site).transpose()?;
    let mut identity = blank(args, Kind::Guest, site);
    identity.password_command = None;
    identity.user = None;
    identity.author_name = Some(name.clone());
    identity.author_email = Some(email.clone());
    identity.author_url = args.url.clone();
    Ok(identity)
}

/// The secret: from the password command when there is one, else asked for.
fn secret_for(identity: &Identity, label: &str) -> Result<Secret> {
    if identity.password_command.is_some() {
        return secrets::load(identity);
    }
    ask_secret(label)
}

fn verify(args: &AddArgs, config: &ClientConfig, site: &str, auth: Auth) -> Result<()> {
    if args.no_check {
        return Ok(());
    }
    let me = runtime()?.block_on(check_account(config, site, auth))?;
    eprintln!("checked: {}", describe_me(&me).replace('\n', "; "));
    Ok(())
}

fn app_password(
    args: &AddArgs,
    config: &ClientConfig,
    site: String,
) -> Result<(Identity, Option<Secret>)> {
    let mut identity = blank(args, Kind::AppPassword, Some(site.clone()));
    let user = match &args.user {
        Some(u) => u.clone(),
        None => ask("user name: ")?,
    };
    identity.user = Some(user.clone());
    let password = secret_for(&identity, "application password: ")?;
    let auth = Auth::Basic {
        user,
        password: password.clone(),
    };
    verify(args, config, &site, auth)?;
    Ok((identity, Some(password)))
}

fn jwt(args: &AddArgs, config: &ClientConfig, site: String) -> Result<(Identity, Option<Secret>)> {
    let mut identity = blank(args, Kind::Jwt, Some(site.clone()));
    let user = match &args.user {
        Some(u) => u.clone(),
        None => ask("user name: ")?,
    };
    identity.user = Some(user.clone());
    let password = secret_for(&identity, "password: ")?;
    // The token is stored, never the password; a password command would give the password.
    identity.password_command = None;
    let rt = runtime()?;
    let token = rt.block_on(async {
        let c = client(config, None, None)?;
        let api_root = discover_site(&c, &site).await?;
        auth::jwt_token(&c, &api_root, &user, &password).await
    })?;
    verify(args, config, &site, Auth::Bearer(token.clone()))?;
    Ok((identity, Some(token)))
}

fn browser(
    args: &AddArgs,
    config: &ClientConfig,
    site: String,
) -> Result<(Identity, Option<Secret>)> {
    let mut identity = blank(args, Kind::AppPassword, Some(site.clone()));
    let rt = runtime()?;
    let endpoint = rt.block_on(async {
        let c = client(config, None, None)?;
        let api_root = discover_site(&c, &site).await?;
        appauth::authorization_endpoint(&c, &api_root).await
    })?;
    let endpoint = endpoint.ok_or_else(|| {
        Error::Identity(format!(
            "{site} does not offer application passwords (it needs WordPress 5.6+, https or a local site, and no plugin turning them off)"
        ))
    })?;
    let app_id = appauth::new_app_id();
    let app_name = appauth::app_name(&args.name);
    let site_url = Url::parse(&site).map_err(|e| Error::Identity(e.to_string()))?;
    // WordPress sends the password to an http:// success URL only on local sites.
    let approved = if (is_loopback(&site_url) || args.callback) && !args.paste {
        let listener = Loopback::bind_unguessable()?;
        let callback = listener.callback_url();
        let url = appauth::authorize_url(&endpoint, &app_name, &app_id, Some(&callback));
        login::show(&url, "Approve wpcomments in your browser:", args.no_browser);
        let page = "wpcomments received the application password.";
        match login::wait_for(listener, args.no_browser, true, page)? {
            Came::Callback(params) => appauth::from_callback(&params)?,
            Came::Pasted(password) => pasted(args, password)?,
        }
    } else {
        let url = appauth::authorize_url(&endpoint, &app_name, &app_id, None);
        login::show(
            &url,
            "Approve wpcomments in your browser, then paste the password the page shows:",
            args.no_browser,
        );
        let password = ask_secret("application password: ")?;
        pasted(args, password.expose().to_owned())?
    };
    identity.user = Some(approved.user.clone());
    identity.password_command = None;
    let auth = Auth::Basic {
        user: approved.user.clone(),
        password: approved.password.clone(),
    };
    verify(args, config, &site, auth)?;
    Ok((identity, Some(approved.password)))
}

fn pasted(args: &AddArgs, password: String) -> Result<appauth::Approved> {
    let user = match &args.user {
        Some(u) => u.clone(),
        None => ask("user name: ")?,
    };
    Ok(appauth::Approved {
        user,
        password: Secret::new(password),
    })
}

fn wordpress_com(
    args: &AddArgs,
    config: &ClientConfig,
    config_path: Option<&Path>,
) -> Result<(Identity, Option<Secret>)> {
    let app = oauth::app_from_config(config_path)?;
    let state = oauth::new_state();
    let listener = Loopback::bind(app.redirect_port)?.require("state", &state);
    let redirect_uri = listener.callback_url();
    let url = oauth::authorize_url(&app, &redirect_uri, &state)?;
    let intro = if args.no_browser {
        "Open this address in a browser and approve wpcomments; then paste the address the browser ends on (it may fail to load: copy it anyway):"
    } else {
        "Approve wpcomments on WordPress.com in your browser (or paste the address it ends on):"
    };
    login::show(&url, intro, args.no_browser);
    let page = "wpcomments is now logged in to WordPress.com.";
    let code = match login::wait_for(listener, true, false, page)? {
        Came::Callback(params) => oauth::code_from_params(&params, &state)?,
        Came::Pasted(line) => oauth::code_from_redirect(&line, &state)?,
    };
    let rt = runtime()?;
    let token = rt.block_on(async {
        oauth::exchange(&client(config, None, None)?, &app, &redirect_uri, &code).await
    })?;
    let site = token
        .blog_url
        .as_deref()
        .filter(|u| !u.is_empty())
        .map(normalize_site)
        .transpose()?;
    let mut identity = blank(args, Kind::WordpressCom, site);
    identity.password_command = None;
    if !args.no_check {
        let bearer = Some(Auth::Bearer(token.access_token.clone()));
        let scope = Url::parse(&wpcomments::model::api_root::wpcom_api_base()).ok();
        let me = rt.block_on(async { oauth::wpcom_me(&client(config, bearer, scope)?).await })?;
        eprintln!("checked: {}", describe_me(&me).replace('\n', "; "));
        identity.user = Some(me.login).filter(|l| !l.is_empty());
    }
    Ok((identity, Some(token.access_token)))
}
