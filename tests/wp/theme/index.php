<!DOCTYPE html>
<html <?php language_attributes(); ?>>
<head>
<meta charset="<?php bloginfo('charset'); ?>">
<?php wp_head(); ?>
</head>
<body <?php body_class(); ?>>
<?php wp_body_open(); ?>
<header><a href="<?php echo esc_url(home_url('/')); ?>"><?php bloginfo('name'); ?></a></header>
<main>
<?php while (have_posts()) : the_post(); ?>
<article id="post-<?php the_ID(); ?>" <?php post_class(); ?>>
<h1><?php is_singular() ? the_title() : the_title('<a href="' . esc_url(get_permalink()) . '">', '</a>'); ?></h1>
<p class="byline"><?php the_author(); ?>, <time datetime="<?php echo esc_attr(get_the_date('c')); ?>"><?php echo esc_html(get_the_date()); ?></time></p>
<?php is_singular() ? the_content() : the_excerpt(); ?>
</article>
<?php if (is_singular()) : comments_template(); endif; ?>
<?php endwhile; ?>
<?php the_posts_navigation(); ?>
</main>
<?php wp_footer(); ?>
</body>
</html>
