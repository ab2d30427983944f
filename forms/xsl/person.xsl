<?xml version="1.0" encoding="UTF-8"?>
<!--
  person.xsl: one person for the administrator: their user name, role,
  unit, e-mail address and whether they can log in (with how many
  sessions and API tokens they have now), how their password is set
  (on the server, never here), the form to change them, and
  deactivation (after a confirmation) or reactivation. Nobody
  deactivates themself or changes their own role. No child's data: of
  the relay logs a person holds, only how many. View: h_person.c
  (<person id username name role unit? unit-name? email? active created
  sessions tokens holds self?/>, <units/>, <confirm-deactivate/> to
  confirm, <error form="edit|access" field> and <typed> after a
  refusal; what a change did is said by _layout.xsl's done).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>
  <xsl:import href="_account.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="person/@name"/>
    <xsl:text> – </xsl:text>
    <xsl:value-of select="i:t('People')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="p" select="person"/>
    <p><a href="/admin/people"><xsl:value-of select="i:t('All people')"/></a></p>
    <h1><xsl:value-of select="$p/@name"/></h1>
    <xsl:call-template name="error-summary">
      <xsl:with-param name="title" select="i:t('The change was not saved. Correct this:')"/>
    </xsl:call-template>
    <xsl:if test="confirm-deactivate and $p/@active = 'true' and not($p/@self)">
      <section class="confirm" aria-labelledby="confirm-title" id="confirm">
        <h2 id="confirm-title" tabindex="-1"><xsl:value-of select="i:t('Are you sure you want to deactivate {0}?', $p/@name)"/></h2>
        <ul>
          <li><xsl:value-of select="i:t('They are logged out at once, wherever they are logged in, and cannot log in again.')"/></li>
          <li><xsl:value-of select="i:t('Their API tokens stop working at once, and stay revoked if they are let in again.')"/></li>
          <li><xsl:value-of select="i:t('What they wrote stays in the cases, with their name.')"/></li>
          <xsl:if test="$p/@holds &gt; 0">
            <li><strong><xsl:value-of select="i:t('Open relay logs they hold: {0}. Ask them to hand these over first; once they are deactivated, the leader of each log’s unit must hand it over to a new holder.', $p/@holds)"/></strong></li>
          </xsl:if>
        </ul>
        <div class="actions-row">
          <form method="post" action="/admin/people/{$p/@id}/deactivate" class="inline-form">
            <input type="hidden" name="csrf" value="{/page/csrf}"/>
            <input type="hidden" name="idem" value="{/page/idem}"/>
            <input type="hidden" name="confirm" value="yes"/>
            <button type="submit" class="primary danger-button"><xsl:value-of select="i:t('Yes, deactivate {0}', $p/@name)"/></button>
          </form>
          <a href="/admin/people/{$p/@id}"><xsl:value-of select="i:t('No, keep them')"/></a>
        </div>
      </section>
    </xsl:if>
    <dl class="facts">
      <dt><xsl:value-of select="i:t('State')"/></dt>
      <dd><xsl:for-each select="$p"><xsl:call-template name="person-state"/></xsl:for-each></dd>
      <dt><xsl:value-of select="i:t('User name')"/></dt>
      <dd><code><xsl:value-of select="$p/@username"/></code></dd>
      <dt><xsl:value-of select="i:t('Role')"/></dt>
      <dd><xsl:call-template name="role-name"><xsl:with-param name="r" select="$p/@role"/></xsl:call-template></dd>
      <dt><xsl:value-of select="i:t('Unit')"/></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="$p/@unit"><a href="/admin/units/{$p/@unit}"><xsl:value-of select="$p/@unit-name"/></a></xsl:when>
          <xsl:otherwise><span class="none"><xsl:value-of select="i:t('No unit')"/></span></xsl:otherwise>
        </xsl:choose>
      </dd>
      <dt><xsl:value-of select="i:t('E-mail address')"/></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="$p/@email"><xsl:value-of select="$p/@email"/></xsl:when>
          <xsl:otherwise><span class="none"><xsl:value-of select="i:t('None: they get no e-mails')"/></span></xsl:otherwise>
        </xsl:choose>
      </dd>
      <dt><xsl:value-of select="i:t('Sessions open now')"/></dt>
      <dd><xsl:value-of select="$p/@sessions"/></dd>
      <dt><xsl:value-of select="i:t('API tokens in use')"/></dt>
      <dd><xsl:value-of select="$p/@tokens"/></dd>
      <dt><xsl:value-of select="i:t('Open relay logs they hold')"/></dt>
      <dd><xsl:value-of select="$p/@holds"/></dd>
      <dt><xsl:value-of select="i:t('Added')"/></dt>
      <dd><xsl:call-template name="date"><xsl:with-param name="d" select="$p/@created"/></xsl:call-template></dd>
    </dl>

    <section aria-labelledby="password-title" id="password">
      <h2 id="password-title"><xsl:value-of select="i:t('Password')"/></h2>
      <p><xsl:value-of select="i:t('Passwords are never entered or shown here. Someone with access to the server sets one with the command below, which reads the password from the keyboard; tell the person the password another way than by e-mail.')"/></p>
      <p><code>stafett user password <xsl:value-of select="$p/@username"/></code></p>
    </section>

    <section aria-labelledby="edit-title" id="edit">
      <h2 id="edit-title"><xsl:value-of select="i:t('Change {0}', $p/@name)"/></h2>
      <xsl:if test="$p/@self">
        <p class="hint"><xsl:value-of select="i:t('This is you. Another administrator can change your role.')"/></p>
      </xsl:if>
      <form method="post" action="/admin/people/{$p/@id}" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <xsl:call-template name="person-fields">
          <xsl:with-param name="form" select="'edit'"/>
          <xsl:with-param name="p" select="$p"/>
        </xsl:call-template>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Save the changes')"/></button>
      </form>
    </section>

    <section aria-labelledby="access-title" id="access">
      <h2 id="access-title"><xsl:value-of select="i:t('Access to Stafett')"/></h2>
      <xsl:variable name="aerr" select="error[@form = 'access']"/>
      <div id="a-access-active" tabindex="-1">
        <xsl:attribute name="class">field<xsl:if test="$aerr"> has-error</xsl:if></xsl:attribute>
        <xsl:if test="$aerr">
          <p class="field-error" id="a-access-active-error">
            <span class="visually-hidden"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></span>
            <xsl:value-of select="$aerr"/>
          </p>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="$p/@self">
            <p><xsl:value-of select="i:t('You cannot deactivate yourself. Another administrator can.')"/></p>
          </xsl:when>
          <xsl:when test="$p/@active = 'true'">
            <p><xsl:value-of select="i:t('When someone leaves or should no longer work in Stafett, deactivate them: they are logged out at once and cannot log in. Nothing they wrote is deleted.')"/></p>
            <form method="post" action="/admin/people/{$p/@id}/deactivate" class="inline-form">
              <input type="hidden" name="csrf" value="{/page/csrf}"/>
              <input type="hidden" name="idem" value="{/page/idem}"/>
              <button type="submit" class="secondary"><xsl:value-of select="i:t('Deactivate {0}', $p/@name)"/></button>
            </form>
          </xsl:when>
          <xsl:otherwise>
            <p><xsl:value-of select="i:t('{0} is deactivated and cannot log in. Let them in again, and they log in with their password; API tokens must be made anew on the server.', $p/@name)"/></p>
            <form method="post" action="/admin/people/{$p/@id}/reactivate" class="inline-form">
              <input type="hidden" name="csrf" value="{/page/csrf}"/>
              <input type="hidden" name="idem" value="{/page/idem}"/>
              <button type="submit" class="primary"><xsl:value-of select="i:t('Let {0} log in again', $p/@name)"/></button>
            </form>
          </xsl:otherwise>
        </xsl:choose>
      </div>
    </section>
  </xsl:template>
</xsl:stylesheet>
