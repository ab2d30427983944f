<?xml version="1.0" encoding="UTF-8"?>
<!--
  settings.xsl: a person's e-mail address, which they change themselves
  (or remove), and which e-mail notices they get, one checkbox per kind
  their role can be sent, ticked unless they turned it off; whether the
  municipality sends e-mail at all. View: h_settings.c, <email address?
  on/>, <topics><topic id label on?/></topics>, <saved what="topics|
  address"/> after saving, <error field="topics|email"/> (and <typed
  form="email"> for the address) after a refusal.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="i:t('E-mail notices')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <h1><xsl:value-of select="i:t('E-mail notices')"/></h1>
    <xsl:if test="error">
      <div class="error-summary" role="alert" tabindex="-1" autofocus="autofocus" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title">
          <xsl:choose>
            <xsl:when test="error/@field = 'email'"><xsl:value-of select="i:t('Your e-mail address was not saved. Correct this:')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="i:t('Your choices were not saved. Correct this:')"/></xsl:otherwise>
          </xsl:choose>
        </h2>
        <ul>
          <li>
            <a>
              <xsl:attribute name="href">
                <xsl:choose>
                  <xsl:when test="error/@field = 'email'">#email</xsl:when>
                  <xsl:otherwise>#topics</xsl:otherwise>
                </xsl:choose>
              </xsl:attribute>
              <xsl:value-of select="error"/>
            </a>
          </li>
        </ul>
      </div>
    </xsl:if>
    <xsl:if test="saved">
      <p class="notice" role="status">
        <xsl:choose>
          <xsl:when test="saved/@what = 'address' and email/@address"><xsl:value-of select="i:t('Your e-mail address is saved: e-mails go to {0}.', email/@address)"/></xsl:when>
          <xsl:when test="saved/@what = 'address'"><xsl:value-of select="i:t('Your e-mail address is removed: you get no e-mails.')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="i:t('Your choices are saved.')"/></xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
    <p class="intro"><xsl:value-of select="i:t('Stafett can tell you by e-mail when something needs your attention. The e-mail says only what kind of thing it is and links to the page where you read it after logging in: it never holds information about a child.')"/></p>
    <section aria-labelledby="address-title" id="address">
      <h2 id="address-title"><xsl:value-of select="i:t('Your e-mail address')"/></h2>
      <xsl:choose>
        <xsl:when test="email/@address">
          <p><xsl:value-of select="i:t('E-mails go to {0}.', email/@address)"/></p>
        </xsl:when>
        <xsl:otherwise>
          <p class="notice"><xsl:value-of select="i:t('We have no e-mail address for you, so you get no e-mails. Add one below.')"/></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="email/@on = 'false'">
        <p class="notice"><xsl:value-of select="i:t('E-mail is not switched on here yet. What you choose is kept, and the e-mails are sent once it is.')"/></p>
      </xsl:if>
      <form method="post" action="/settings/email/address" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <xsl:variable name="err" select="error[@field = 'email']"/>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="'email'"/>
          <xsl:with-param name="name" select="'email'"/>
          <xsl:with-param name="label" select="i:t('E-mail address')"/>
          <xsl:with-param name="type" select="'email'"/>
          <xsl:with-param name="hint" select="i:t('Only Stafett’s notices go there; nobody else sees it. Leave it empty to get no e-mails.')"/>
          <xsl:with-param name="maxlength" select="'254'"/>
          <xsl:with-param name="autocomplete" select="'email'"/>
          <xsl:with-param name="value">
            <xsl:choose>
              <xsl:when test="$err"><xsl:value-of select="typed[@form = 'email'][@name = 'email']"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="email/@address"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="error" select="string($err)"/>
        </xsl:call-template>
        <button type="submit" class="secondary"><xsl:value-of select="i:t('Save my e-mail address')"/></button>
      </form>
    </section>
    <h2><xsl:value-of select="i:t('What you get by e-mail')"/></h2>
    <form method="post" action="/settings/email" novalidate="novalidate">
      <input type="hidden" name="csrf" value="{/page/csrf}"/>
      <input type="hidden" name="idem" value="{/page/idem}"/>
      <fieldset class="field choices" id="topics" tabindex="-1">
        <xsl:attribute name="aria-describedby">topics-hint<xsl:if test="error[@field = 'topics']"> topics-error</xsl:if></xsl:attribute>
        <xsl:if test="error[@field = 'topics']"><xsl:attribute name="class">field choices has-error</xsl:attribute></xsl:if>
        <legend><xsl:value-of select="i:t('Send me an e-mail when')"/></legend>
        <div class="hint" id="topics-hint"><xsl:value-of select="i:t('Untick what you do not want by e-mail. You still see everything in Stafett.')"/></div>
        <xsl:if test="error[@field = 'topics']">
          <p class="field-error" id="topics-error"><span class="visually-hidden"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></span><xsl:value-of select="error"/></p>
        </xsl:if>
        <xsl:for-each select="topics/topic">
          <div class="choice">
            <input type="checkbox" id="topic-{position()}" name="topic" value="{@id}">
              <xsl:if test="@on = 'true'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
            <label for="topic-{position()}"><xsl:value-of select="@label"/></label>
          </div>
        </xsl:for-each>
      </fieldset>
      <button type="submit" class="primary"><xsl:value-of select="i:t('Save my choices')"/></button>
    </form>
    <p><a href="/"><xsl:value-of select="i:t('Back to the start page')"/></a></p>
  </xsl:template>
</xsl:stylesheet>
