<?php if (post_password_required()) { return; } ?>
<section id="comments" class="comments-area">
<?php if (have_comments()) : ?>
<h2 class="comments-title"><?php printf('%d thoughts on &ldquo;%s&rdquo;', get_comments_number(), get_the_title()); ?></h2>
<ol class="comment-list">
<?php wp_list_comments(array('style' => 'ol', 'short_ping' => true)); ?>
</ol>
<?php the_comments_navigation(); ?>
<?php endif; ?>
<?php if (!comments_open() && get_comments_number()) : ?>
<p class="no-comments">Comments are closed.</p>
<?php endif; ?>
<?php comment_form(); ?>
</section>
